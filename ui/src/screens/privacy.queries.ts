export const EXPORT_VISITOR_DATA = `query ExportVisitorData($subject: DataSubjectInput!) { exportVisitorData(subject: $subject) }`;
export const ERASE_VISITOR_DATA = `mutation EraseVisitorData($subject: DataSubjectInput!) { eraseVisitorData(subject: $subject) }`;

export interface ErasureResult {
  visitorIds: string[];
  personIds: string[];
  deleted: Record<string, number>;
  twentyPeopleCleared: number;
}
