/** Runs once before all test files. Builds the shared index (filled in by the index module). */
export default async function setup(): Promise<void> {}
