import { Activity } from '@microsoft/agents-activity';
import { imBack } from './render.js';

/** What the bot says first: what it does, what it refuses, and where to go in a crisis. */
export const WELCOME_TEXT = [
  'Hi! I answer questions about **ketamine therapy** using only five published articles, and I cite the passage behind every sentence as [1], [2], …',
  "I **can't** give dosing instructions or personal medical advice, help with non-medical use, or talk about unrelated topics. For decisions about your own treatment, please talk to a clinician.",
  'If you are in crisis or thinking about harming yourself, call or text **988** (Suicide & Crisis Lifeline, US) or your local emergency number now.',
  'Try one of these questions:',
].join('\n\n');

/** The welcome activity with three example questions as imBack buttons. */
export function renderWelcome(exampleQuestions: string[]): Activity {
  const activity = Activity.fromObject({ type: 'message', text: WELCOME_TEXT, textFormat: 'markdown' });
  const questions = exampleQuestions.slice(0, 3);
  if (questions.length > 0) activity.suggestedActions = { to: [], actions: questions.map(imBack) };
  return activity;
}
