// Custom search attributes: what the supervisor filters open processes by in the Temporal UI.
// Party names and identity numbers never go here (DOMAIN.md, "Data protection"): these are indexed
// and shown in plain text.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const processKindKey = defineSearchAttributeKey('CourtrelayProcess', SearchAttributeType.KEYWORD);
export const stageKey = defineSearchAttributeKey('CourtrelayStage', SearchAttributeType.KEYWORD);
export const courtKey = defineSearchAttributeKey('CourtrelayCourt', SearchAttributeType.KEYWORD_LIST);
export const nextDeadlineKey = defineSearchAttributeKey('CourtrelayNextDeadline', SearchAttributeType.DATETIME);
export const overdueKey = defineSearchAttributeKey('CourtrelayOverdue', SearchAttributeType.BOOL);

export const courtrelaySearchAttributes = [processKindKey, stageKey, courtKey, nextDeadlineKey, overdueKey];
