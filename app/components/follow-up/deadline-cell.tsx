import type { DeadlineState } from "~/domain/deadlines";
import { describeDeadline } from "~/domain/deadlines";
import { formatDate } from "~/domain/vietnamese";

/** The original deadline, the extension beside it when granted (both stay visible), and the computed state. */
export function DeadlineCell(props: { deadline: string; extendedDeadline: string | null; state: DeadlineState; daysLeft: number }) {
  return (
    <>
      {props.extendedDeadline ? (
        <>
          <s aria-label={`Hạn ban đầu ${formatDate(props.deadline)}`}>{formatDate(props.deadline)}</s>{" "}
          <span>gia hạn đến {formatDate(props.extendedDeadline)}</span>
        </>
      ) : (
        formatDate(props.deadline)
      )}
      <br />
      <span className={`badge ${props.state}`}>{describeDeadline(props.state, props.daysLeft)}</span>
    </>
  );
}
