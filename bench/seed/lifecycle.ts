/**
 * What happened to one issued recommendation up to `today`: its status and the events behind it,
 * consistent with the app's rules and the database's checks.
 * - accepted: the latest report is a completed one the committee accepted (accepted_at = that review);
 * - returned: the latest report is a completed one returned with a reason;
 * - reported: the latest report is completed and not yet reviewed;
 * - in_progress: the latest report says in progress; not_started: no report, or one saying so.
 * Older deadlines are mostly accepted (98% after two years); recent ones mostly open, some
 * overdue. Some deadlines were extended (a granted request, extended deadline later than the
 * original), a few requests were refused, a few are pending. Every event falls after the notice's
 * issue and no later than today.
 */
import type { Rng } from "./prng";

export type RecommendationStatus = "not_started" | "in_progress" | "reported" | "accepted" | "returned";

export type ReportEvent = {
  progress: "not_started" | "in_progress" | "completed";
  day: number;
  /** Minutes past midnight, Vietnam time. */
  minute: number;
  review: "submitted" | "accepted" | "returned";
  reviewDay: number | null;
  reviewMinute: number | null;
};

export type ExtensionEvent = {
  requestedDay: number;
  requestedDeadline: number;
  status: "pending" | "granted" | "refused";
  decidedDay: number | null;
};

export type Lifecycle = {
  status: RecommendationStatus;
  deadline: number;
  extendedDeadline: number | null;
  reports: ReportEvent[];
  extensions: ExtensionEvent[];
  /** The day and minute of the accepting review, when accepted. */
  accepted: { day: number; minute: number } | null;
  /** The last change: the notice's issue or the latest event. */
  updatedDay: number;
  revision: number;
};

type Weights = readonly (readonly [RecommendationStatus, number])[];

const BY_AGE: { olderThan: number; weights: Weights }[] = [
  { olderThan: 730, weights: [["accepted", 98], ["returned", 0.5], ["reported", 0.3], ["in_progress", 0.7], ["not_started", 0.5]] },
  { olderThan: 365, weights: [["accepted", 93], ["returned", 2], ["reported", 1], ["in_progress", 2.5], ["not_started", 1.5]] },
  { olderThan: 90, weights: [["accepted", 78], ["returned", 5], ["reported", 5], ["in_progress", 7], ["not_started", 5]] },
  { olderThan: 0, weights: [["accepted", 55], ["returned", 8], ["reported", 12], ["in_progress", 15], ["not_started", 10]] },
  { olderThan: -Infinity, weights: [["accepted", 15], ["returned", 5], ["reported", 12], ["in_progress", 38], ["not_started", 30]] },
];

const morning = (rng: Rng) => rng.int(8 * 60, 11 * 60 + 30);
const afternoon = (rng: Rng) => rng.int(14 * 60, 16 * 60 + 30);

export function recommendationLifecycle(rng: Rng, input: { issueDay: number; deadline: number; today: number }): Lifecycle {
  const { issueDay, deadline, today } = input;
  const extensions: ExtensionEvent[] = [];
  let extendedDeadline: number | null = null;

  // A request decided before the original deadline: granted (the deadline moves) or refused.
  const decided = rng.weighted([["none", 91], ["granted", 7], ["refused", 2]] as const);
  if (decided !== "none") {
    const requestedDay = Math.max(issueDay + 1, deadline - rng.int(3, 20));
    const decidedDay = requestedDay + rng.int(1, 4);
    const requestedDeadline = deadline + rng.int(30, 90);
    if (decidedDay <= today && requestedDay < deadline) {
      extensions.push({ requestedDay, requestedDeadline, status: decided, decidedDay });
      if (decided === "granted") extendedDeadline = requestedDeadline;
    }
  }
  const effective = extendedDeadline ?? deadline;
  const age = today - effective;
  let status: RecommendationStatus = rng.weighted(BY_AGE.find((band) => age > band.olderThan)!.weights);

  const reports: ReportEvent[] = [];
  let accepted: Lifecycle["accepted"] = null;
  const open = today - issueDay; // days since the notice
  if (open < 3) status = "not_started";
  else if (open < 12 && (status === "accepted" || status === "returned" || status === "reported")) status = "in_progress";

  if (status === "accepted" || status === "returned" || status === "reported") {
    // The completion report: before the deadline in force, or late; never later than yesterday.
    const onTime = rng.chance(0.75);
    let done = onTime ? effective - rng.int(1, 30) : effective + rng.int(1, 60);
    done = Math.min(done, today - 1 - (status === "reported" ? 0 : 3));
    done = Math.max(done, issueDay + 8);
    const doneMinute = morning(rng);
    // An earlier completion report that was returned, then the one that counts.
    if (status === "accepted" && done - issueDay >= 24 && rng.chance(0.15)) {
      const returnedDay = done - rng.int(10, 15);
      if (done - issueDay >= 24 && rng.chance(0.5)) {
        reports.push({ progress: "in_progress", day: returnedDay - rng.int(4, 8), minute: morning(rng), review: "submitted", reviewDay: null, reviewMinute: null });
      }
      reports.push({ progress: "completed", day: returnedDay, minute: morning(rng), review: "returned", reviewDay: returnedDay + rng.int(1, 3), reviewMinute: afternoon(rng) });
    } else if (done - issueDay >= 10 && rng.chance(0.5)) {
      reports.push({ progress: "in_progress", day: issueDay + rng.int(3, done - issueDay - 4), minute: morning(rng), review: "submitted", reviewDay: null, reviewMinute: null });
    }
    if (status === "reported") {
      reports.push({ progress: "completed", day: done, minute: doneMinute, review: "submitted", reviewDay: null, reviewMinute: null });
    } else {
      const reviewDay = Math.min(done + rng.int(1, 7), today);
      const review = status === "accepted" ? "accepted" : "returned";
      const reviewMinute = afternoon(rng);
      reports.push({ progress: "completed", day: done, minute: doneMinute, review, reviewDay, reviewMinute });
      if (review === "accepted") accepted = { day: reviewDay, minute: reviewMinute };
    }
  } else if (status === "in_progress") {
    const day = issueDay + 1 + rng.int(1, Math.max(1, Math.min(120, today - issueDay - 2)));
    reports.push({ progress: "in_progress", day: Math.min(day, today), minute: morning(rng), review: "submitted", reviewDay: null, reviewMinute: null });
  } else if (open >= 10 && rng.chance(0.1)) {
    reports.push({ progress: "not_started", day: issueDay + rng.int(3, Math.min(60, open - 1)), minute: morning(rng), review: "submitted", reviewDay: null, reviewMinute: null });
  }

  // A request still waiting for the committee: near or past the deadline in force.
  if (status !== "accepted" && age > -30 && age < 120 && open > 5 && rng.chance(0.05)) {
    extensions.push({ requestedDay: today - rng.int(1, Math.min(10, open - 2)), requestedDeadline: effective + rng.int(30, 60), status: "pending", decidedDay: null });
  }

  let updatedDay = issueDay;
  let revision = 1;
  for (const report of reports) {
    updatedDay = Math.max(updatedDay, report.reviewDay ?? report.day);
    revision += report.reviewDay === null ? 1 : 2;
  }
  for (const extension of extensions) {
    if (extension.status === "granted") {
      revision += 1;
      updatedDay = Math.max(updatedDay, extension.decidedDay!);
    }
  }
  return { status, deadline, extendedDeadline, reports, extensions, accepted, updatedDay, revision };
}
