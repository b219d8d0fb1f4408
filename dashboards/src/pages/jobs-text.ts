// What the scheduled-jobs page says, Vietnamese first.
import type { JobRunStatus, Lang } from '@zonetrace/contracts'

const VI = {
  title: 'Tác vụ định kỳ',
  lead: 'Các tác vụ máy chủ tự chạy theo lịch, những lần chạy gần nhất và lần chạy kế tiếp.',
  schedule: 'Lịch (cron, giờ Việt Nam)',
  nextRun: 'Lần chạy kế tiếp',
  notScheduledHere: 'Máy chủ này không chạy theo lịch (JOBS tắt); chỉ chạy khi bấm "Chạy ngay".',
  runNow: 'Chạy ngay',
  runs: 'Những lần chạy gần nhất',
  noRuns: 'Chưa chạy lần nào.',
  started: 'Bắt đầu',
  finished: 'Kết thúc',
  outcome: 'Kết quả',
  did: 'Đã làm',
  instance: 'Máy chủ',
  notFinished: 'Chưa xong',
  statuses: {
    running: 'Đang chạy',
    ok: 'Thành công',
    failed: 'Thất bại',
    skipped: 'Bỏ qua',
  } satisfies Record<JobRunStatus, string>,
  ran: (job: string, ms: number) => `Đã chạy tác vụ ${job} (${ms} ms).`,
  failed: (job: string, error: string) => `Tác vụ ${job} chạy nhưng thất bại: ${error}`,
  skipped: (job: string) =>
    `Tác vụ ${job} đang chạy ở nơi khác (khóa đang bị giữ); lần này đã được ghi lại là bỏ qua.`,
  unknown: (job: string) => `Không có tác vụ nào tên "${job}".`,
}

type JobsText = typeof VI

const EN: JobsText = {
  title: 'Scheduled jobs',
  lead: 'The jobs the server runs on its own schedule, their latest runs and the next one.',
  schedule: 'Schedule (cron, Vietnamese clock)',
  nextRun: 'Next run',
  notScheduledHere: 'This server does not run the schedule (JOBS off); jobs run only with "Run now".',
  runNow: 'Run now',
  runs: 'Latest runs',
  noRuns: 'Never run yet.',
  started: 'Started',
  finished: 'Finished',
  outcome: 'Outcome',
  did: 'What it did',
  instance: 'Server',
  notFinished: 'Not finished',
  statuses: { running: 'Running', ok: 'Succeeded', failed: 'Failed', skipped: 'Skipped' },
  ran: (job: string, ms: number) => `Ran job ${job} (${ms} ms).`,
  failed: (job: string, error: string) => `Job ${job} ran and failed: ${error}`,
  skipped: (job: string) =>
    `Job ${job} is running elsewhere (its lock is held); this attempt is recorded as skipped.`,
  unknown: (job: string) => `There is no job named "${job}".`,
}

export function jobsText(lang: Lang): JobsText {
  return lang === 'en' ? EN : VI
}
