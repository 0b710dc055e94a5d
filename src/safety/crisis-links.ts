/** One tap-to-act link under the crisis reply. */
export interface CrisisLink {
  title: string;
  /** `tel:` to call, `sms:` to text, https for the web. */
  url: string;
}

const EMERGENCY: CrisisLink = { title: 'Call 911 (emergency)', url: 'tel:911' };
const CALL_988: CrisisLink = { title: 'Call 988 (crisis line)', url: 'tel:988' };
const TEXT_988: CrisisLink = { title: 'Text 988', url: 'sms:988' };
const HELPLINES: CrisisLink = { title: 'Helplines outside the US', url: 'https://findahelpline.com' };

/** Whether a crisis text is the emergency-first one (someone in danger now): it opens with calling 911. */
export const isEmergencyFirst = (text: string): boolean => /^\W*call 911\b/i.test(text);

/**
 * The crisis reply's links for channels to render as buttons (Bot Framework) or linked numbers (Slack), in the
 * text's own order: 911 first when someone is in danger now, 988 first for suicidal feelings.
 */
export function crisisLinks(text: string): { emergencyFirst: boolean; links: CrisisLink[] } {
  const emergencyFirst = isEmergencyFirst(text);
  const links = emergencyFirst
    ? [EMERGENCY, CALL_988, TEXT_988, HELPLINES]
    : [CALL_988, TEXT_988, EMERGENCY, HELPLINES];
  return { emergencyFirst, links };
}
