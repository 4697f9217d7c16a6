import { zodResolver } from "@hookform/resolvers/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { get, useWatch } from "react-hook-form";
import { useRemixForm } from "remix-hook-form";
import { forbidden, requirePermission, requireUser } from "~/auth/permissions.server";
import { TextAreaField, TextField, FormError } from "~/components/fields";
import { VISIT_STATUS_LABELS } from "~/components/labels";
import { planReference } from "~/components/lists";
import { SavedNotice, useSaveOutcome } from "~/components/save-outcome";
import { DraftNotice, useFormDraft } from "~/components/use-form-draft";
import { describeCount, describeRate, formatPercent } from "~/domain/indicator-wording";
import { lowerIsBetter } from "~/domain/indicators";
import { formatDate, formatDateTime, formatNumber } from "~/domain/vietnamese";
import { type FormActionData, idParam, refusal, validateForm } from "~/forms.server";
import { getVisitReport, saveVisitReport } from "~/models/visit-report.server";
import { MAX_FIGURE, type VisitReportValues, countFromInput, visitReportSchema } from "~/schemas/visit-report";

const NOT_VISIBLE = "Bạn không có quyền xem báo cáo của buổi giám sát này hoặc buổi giám sát không tồn tại.";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Báo cáo của ${data.report.unit.name} · Giám sát HĐND` : "Báo cáo của đơn vị" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request);
  const report = await getVisitReport(actor, idParam(params.visitId));
  if (!report) throw forbidden(NOT_VISIBLE);
  return { report };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "visits:report");
  const visitId = idParam(params.visitId);
  const report = await getVisitReport(actor, visitId);
  if (!report) throw forbidden(NOT_VISIBLE);
  const form = await validateForm(request, visitReportSchema(report.indicators));
  if (!form.ok) return form.response;
  try {
    const saved = await saveVisitReport(actor, visitId, form.data, { submit: form.data.intent === "submit" });
    const ok = saved.submittedAt
      ? `Đã gửi báo cáo cho đoàn giám sát lúc ${formatDateTime(saved.submittedAt)}.`
      : "Đã lưu nháp. Báo cáo chưa được gửi cho đoàn giám sát.";
    return { ok } satisfies FormActionData;
  } catch (error) {
    return refusal(error);
  }
}

type Report = ReturnType<typeof useLoaderData<typeof loader>>["report"];
type Indicator = Report["indicators"][number];
type Figure = { numerator: number | null; denominator: number | null };

function isCount(value: number | null): value is number {
  return value !== null && Number.isSafeInteger(value) && value >= 0 && value <= MAX_FIGURE;
}

/** The sentence the notice would print for what is typed so far, or null while it is incomplete. */
function figureSentence(indicator: Indicator, figure: Figure | undefined): string | null {
  if (!figure || !isCount(figure.numerator)) return null;
  if (indicator.kind === "count") return describeCount(figure.numerator, indicator.measureUnit);
  if (!isCount(figure.denominator) || figure.numerator > figure.denominator) return null;
  return describeRate({
    numerator: figure.numerator,
    denominator: figure.denominator,
    targetPercent: indicator.targetPercent,
    lowerIsBetter: lowerIsBetter(indicator.code),
  });
}

/** A reported figure for the reader: "3.557/4.709 hồ sơ: đạt 75,54%, …" for a rate, "11.701 hồ sơ" for a count. */
function reportedLine(indicator: Indicator, figure: { numerator: number; denominator: number | null }): string | null {
  const sentence = figureSentence(indicator, figure);
  if (figure.denominator === null || sentence === null) return sentence;
  return `${formatNumber(figure.numerator)}/${formatNumber(figure.denominator)} ${indicator.measureUnit}: ${sentence}`;
}

/** What the item asks beyond its indicator's name, and the target it is measured against. */
function IndicatorDetails({ indicator }: { indicator: Indicator }) {
  return (
    <>
      {indicator.text !== indicator.label ? <div className="muted">{indicator.text}</div> : null}
      {indicator.targetPercent !== null ? (
        <div className="muted">
          {lowerIsBetter(indicator.code) ? "Mức tối đa cho phép" : "Chỉ tiêu được giao"}: {formatPercent(indicator.targetPercent)}
        </div>
      ) : null}
    </>
  );
}

const indicatorTitle = (indicator: Indicator) => `${indicator.itemCode}. ${indicator.label}`;

function Outline({ text }: { text: string }) {
  return (
    <section className="panel" aria-labelledby="outline-title">
      <h2 id="outline-title" style={{ marginTop: 0 }}>
        Đề cương báo cáo
      </h2>
      {text ? <div style={{ whiteSpace: "pre-line" }}>{text}</div> : <p className="muted">Kế hoạch không kèm đề cương báo cáo.</p>}
    </section>
  );
}

function SubmissionState({ report }: { report: Report }) {
  const submittedAt = report.visit.unitReportSubmittedAt;
  if (submittedAt) return <span>Đã gửi lúc {formatDateTime(submittedAt)}</span>;
  return <span>{report.visit.unitReport || report.indicators.some((i) => i.reported) ? "Bản nháp, đơn vị chưa gửi" : "Đơn vị chưa nhập báo cáo"}</span>;
}

function ReportForm({ report }: { report: Report }) {
  const navigation = useNavigation();
  const actionData = useActionData<typeof action>();
  const outcome = useSaveOutcome(actionData);
  const submitted = report.visit.unitReportSubmittedAt !== null;
  const form = useRemixForm<VisitReportValues>({
    resolver: zodResolver(visitReportSchema(report.indicators)),
    defaultValues: {
      intent: "save",
      unitReport: report.visit.unitReport,
      figures: report.indicators.map((i) => ({
        itemId: i.itemId,
        numerator: i.reported?.numerator ?? null,
        denominator: i.reported?.denominator ?? null,
      })),
    },
    errors: outcome.errors,
  });
  const { handleSubmit, register, setValue, control, formState } = form;
  const draft = useFormDraft(`visit-report:${report.visit.id}`, form, { saved: outcome.saved });
  const figures = useWatch({ control, name: "figures" });
  const busy = navigation.state === "submitting";
  const errorOf = (name: string): string | undefined =>
    (get(formState.errors, name) as { message?: string } | undefined)?.message ?? outcome.errors?.[name]?.message;
  const count = { setValueAs: countFromInput };
  return (
    <Form method="post" className="stack" style={{ maxWidth: "none" }} onSubmit={handleSubmit} noValidate>
      <DraftNotice {...draft} />
      <SavedNotice message={outcome.message} />
      <FormError message={errorOf("root")} />
      <div className="grid" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(300px, 1fr))", alignItems: "start" }}>
        <Outline text={report.plan.reportingOutline} />
        <TextAreaField
          label="Nội dung báo cáo"
          hint="Trả lời lần lượt từng mục của đề cương."
          rows={18}
          error={errorOf("unitReport")}
          {...register("unitReport")}
        />
      </div>
      <h2>Số liệu của đơn vị</h2>
      <p className="muted">
        Số liệu từ ngày {formatDate(report.plan.periodStart)} đến ngày {formatDate(report.plan.periodEnd)}, theo Phần mềm Một cửa điện tử. Để
        trống nếu chưa có số liệu.
      </p>
      {report.indicators.length === 0 ? <p className="muted">Phiếu kiểm tra của kế hoạch này không có chỉ số cần báo cáo.</p> : null}
      {report.indicators.map((indicator, index) => {
        const sentence = figureSentence(indicator, figures?.[index]);
        const numerator = `figures.${index}.numerator` as const;
        const denominator = `figures.${index}.denominator` as const;
        return (
          <fieldset key={indicator.itemId} className="panel" style={{ display: "grid", gap: "0.75rem" }}>
            <legend style={{ fontWeight: 600 }}>{indicatorTitle(indicator)}</legend>
            <IndicatorDetails indicator={indicator} />
            <div className="grid">
              <TextField
                label={indicator.kind === "rate" ? `Tử số (${indicator.measureUnit})` : `Số lượng (${indicator.measureUnit})`}
                inputMode="numeric"
                autoComplete="off"
                error={errorOf(numerator)}
                {...register(numerator, count)}
              />
              {indicator.kind === "rate" ? (
                <TextField
                  label={`Mẫu số (${indicator.measureUnit})`}
                  inputMode="numeric"
                  autoComplete="off"
                  error={errorOf(denominator)}
                  {...register(denominator, count)}
                />
              ) : null}
            </div>
            <p aria-live="polite" style={{ margin: 0 }}>
              {sentence ?? <span className="muted">{indicator.kind === "rate" ? "Nhập tử số và mẫu số để xem tỷ lệ." : "Chưa nhập số liệu."}</span>}
            </p>
          </fieldset>
        );
      })}
      <div className="actions">
        {submitted ? null : (
          <button type="submit" className="secondary" disabled={busy} onClick={() => setValue("intent", "save")}>
            Lưu nháp
          </button>
        )}
        <button type="submit" disabled={busy} onClick={() => setValue("intent", "submit")}>
          {submitted ? "Gửi lại báo cáo" : "Gửi báo cáo"}
        </button>
      </div>
    </Form>
  );
}

function ReportView({ report }: { report: Report }) {
  return (
    <>
      <div className="grid" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(300px, 1fr))", alignItems: "start" }}>
        <Outline text={report.plan.reportingOutline} />
        <section className="panel" aria-labelledby="report-title">
          <h2 id="report-title" style={{ marginTop: 0 }}>
            Báo cáo của đơn vị
          </h2>
          {report.visit.unitReport ? (
            <div style={{ whiteSpace: "pre-line" }}>{report.visit.unitReport}</div>
          ) : (
            <p className="muted">Đơn vị chưa nhập nội dung báo cáo.</p>
          )}
        </section>
      </div>
      <h2>Số liệu của đơn vị</h2>
      {report.indicators.length === 0 ? <p className="muted">Phiếu kiểm tra của kế hoạch này không có chỉ số cần báo cáo.</p> : null}
      {report.indicators.map((indicator) => (
        <div key={indicator.itemId} className="panel">
          <strong>{indicatorTitle(indicator)}</strong>
          <IndicatorDetails indicator={indicator} />
          <p style={{ marginBottom: 0 }}>
            {(indicator.reported && reportedLine(indicator, indicator.reported)) ?? <span className="muted">Chưa báo cáo.</span>}
          </p>
        </div>
      ))}
    </>
  );
}

export default function VisitReportPage() {
  const { report } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted">
        <Link to={`/plans/${report.plan.id}`}>{planReference(report.plan)}</Link> › Báo cáo của đơn vị
      </p>
      <h1>Báo cáo của {report.unit.name}</h1>
      <section className="panel">
        <p>
          <strong>Nội dung giám sát:</strong> {report.plan.subject}
        </p>
        <p>
          <strong>Kế hoạch:</strong> {planReference(report.plan)} của {report.plan.issuingUnitName}
        </p>
        <p>
          <strong>Buổi giám sát:</strong> {report.visit.scheduledAt ? formatDateTime(report.visit.scheduledAt) : "chưa xếp lịch"} ·{" "}
          {VISIT_STATUS_LABELS[report.visit.status]}
        </p>
        <p style={{ marginBottom: 0 }}>
          <strong>Tình trạng báo cáo:</strong> <SubmissionState report={report} />
        </p>
      </section>
      {report.reporter && report.lockReason ? <p className="form-error">{report.lockReason}</p> : null}
      {report.editable ? <ReportForm key={report.visit.id} report={report} /> : <ReportView report={report} />}
    </>
  );
}
