/**
 * The courses an LRS client may be scoped to. The LRS knows no course: the program keeps them and
 * provides this (ProgramCoreModule), and the LRS finds it in the application when a client is
 * scoped to courses, so that the program imports the LRS, never the other way round.
 */
export abstract class CourseCatalog {
  /**
   * The activity IRIs of courses by code (each course's own, its required activities, its exam),
   * the courses' codes as stored, and the codes no course has. A code is matched in any case
   * ("DA06-K1" finds "da06-k1"), as course codes are unique regardless of case.
   */
  abstract activitiesOf(
    codes: string[],
  ): Promise<{ activities: string[]; codes: string[]; unknown: string[] }>;
}
