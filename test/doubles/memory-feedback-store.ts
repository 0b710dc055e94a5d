/** The memory feedback store now lives with the other memory ports; re-exported here for existing tests. */
export { MemoryFeedbackStore } from '../../src/storage/memory/memory-feedback-store.js';
