import { randomUUID } from 'node:crypto';

/** A valid statement of a learner on a course, with fresh ids; override any part. */
export function statementFactory(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: randomUUID(),
    actor: {
      objectType: 'Agent',
      name: 'Nguyễn Văn An',
      account: { homePage: 'https://mooc.example.vn', name: `hv-${randomUUID().slice(0, 8)}` },
    },
    verb: {
      id: 'http://adlnet.gov/expapi/verbs/completed',
      display: { 'vi-VN': 'đã hoàn thành', 'en-US': 'completed' },
    },
    object: {
      objectType: 'Activity',
      id: 'https://mooc.example.vn/courses/de-an-06',
      definition: {
        name: {
          'vi-VN': 'Kiến thức chuyển đổi số hỗ trợ triển khai Đề án 06',
          'en-US': 'Digital transformation for Project 06',
        },
      },
    },
    timestamp: '2024-05-28T09:30:00.000Z',
    ...overrides,
  };
}
