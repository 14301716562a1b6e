import { Injectable } from '@nestjs/common';
import { LrsClientsService } from '@hocba/lrs';
import { EnrollmentsService, LearnersService } from '@hocba/program';
import { ProgressService } from '@hocba/progress';
import { CertificatesRepository } from './certificates.repository';
import { LearnerLinksRepository } from './learner-links.repository';

export interface LearnerOverview {
  fullName: string;
  courses: {
    course: string;
    cohort: string;
    province: string;
    activatedAt: string | null;
    startedAt: string | null;
    completedAt: string | null;
    passedAt: string | null;
    certifiedAt: string | null;
  }[];
  certificates: { number: string; code: string; state: string; course: string; issuedAt: string | null }[];
}

/** A link as the page reads it: whose, whether expired, and which courses it shows (null: all). */
export interface LearnerLink {
  learnerId: string;
  expired: boolean;
  courses: string[] | null;
}

/**
 * Learner links and the page they open: the links are this lib's; the learner and their seats are
 * the program's, their milestones progress's, and a client's courses the LRS's.
 */
@Injectable()
export class LearnerLinksService {
  constructor(
    private readonly links: LearnerLinksRepository,
    private readonly clients: LrsClientsService,
    private readonly learners: LearnersService,
    private readonly enrollments: EnrollmentsService,
    private readonly progress: ProgressService,
    private readonly certificates: CertificatesRepository,
  ) {}

  /**
   * The learner of this account whom the client may link: a client scoped to courses only a learner
   * holding a seat (not replaced) in one of them. Undefined alike for an unknown account and one out
   * of the client's reach, so the answer tells nothing about who exists.
   */
  async learnerByAccount(homePage: string, name: string, clientId: string): Promise<string | undefined> {
    const courses = await this.clients.courseCodes(clientId);
    if (courses === undefined) return undefined;
    return this.learners.byAccount(homePage, name, courses);
  }

  create(
    learnerId: string,
    clientId: string,
    minutes: number,
  ): Promise<{ token: string; expiresAt: string }> {
    return this.links.create(learnerId, clientId, minutes);
  }

  /**
   * The learner a token opens, whether its time is past, and the courses the page may show: those of
   * the client that asked for the link when it is scoped to courses (null: all). Undefined when no
   * such token was made.
   */
  async resolve(token: string): Promise<LearnerLink | undefined> {
    const link = await this.links.find(token);
    if (!link) return undefined;
    const courses = await this.clients.courseCodes(link.clientId);
    if (courses === undefined) return undefined;
    return { learnerId: link.learnerId, expired: !link.live, courses };
  }

  /** Whether the certificate is the link's learner's, of a course the link shows. */
  async shows(link: LearnerLink, certificateId: string): Promise<boolean> {
    const certificate = await this.certificates.findById(certificateId);
    if (!certificate) return false;
    const seat = (await this.enrollments.describe([certificate.enrollmentId])).get(certificate.enrollmentId);
    return (
      seat !== undefined &&
      seat.learnerId === link.learnerId &&
      (link.courses === null || link.courses.includes(seat.courseCode))
    );
  }

  /** The learner's seats and certificates, of `courses` only when set (the linking client's courses). */
  async overview(learnerId: string, courses: string[] | null): Promise<LearnerOverview> {
    const fullName = await this.learners.fullName(learnerId);
    const seats = await this.enrollments.seatsOfLearner(learnerId, courses);
    const reached = await this.progress.milestones(seats.map((s) => s.id));
    const held = await this.enrollments.describe(await this.enrollments.idsOfLearner(learnerId));
    const certificates = (await this.certificates.listBySeats([...held.keys()])).filter(
      (c) =>
        c.state !== 'pending' && (courses === null || courses.includes(held.get(c.enrollmentId)!.courseCode)),
    );
    return {
      fullName: fullName ?? '',
      courses: seats.map((s) => {
        const m = reached.get(s.id);
        return {
          course: s.course,
          cohort: s.cohort,
          province: s.province,
          activatedAt: m?.activatedAt ?? null,
          startedAt: m?.startedAt ?? null,
          completedAt: m?.completedAt ?? null,
          passedAt: m?.passedAt ?? null,
          certifiedAt: m?.certifiedAt ?? null,
        };
      }),
      certificates: certificates.map((c) => ({
        number: c.number,
        code: c.code,
        state: c.state,
        course: c.courseTitle,
        issuedAt: c.issuedAt,
      })),
    };
  }
}
