import { useEffect, useRef, useState } from "react";
import { indicatorDefinition, lowerIsBetter } from "~/domain/indicators";
import { describeCount, describeRate } from "~/domain/indicator-wording";
import { formatNumber } from "~/domain/vietnamese";

type Figure = { numerator: number; denominator: number | null };

function parseCount(text: string): number | null | "invalid" {
  const cleaned = text.replace(/[.\s]/g, "");
  if (cleaned === "") return null;
  return /^\d{1,13}$/.test(cleaned) ? Number(cleaned) : "invalid";
}

/**
 * The sentence the notice will use for a figure, e.g. "đạt 97,87%, vượt 0,87% so với chỉ tiêu được giao (97%)",
 * or for a ceiling "ở mức 6,04%, vượt 1,04% so với mức tối đa cho phép (5%)".
 */
export function figureSentence(figure: Figure, indicatorCode: string | null, targetPercent: number | null): string {
  const definition = indicatorDefinition(indicatorCode ?? "");
  const measureUnit = definition?.measureUnit ?? "hồ sơ";
  const { numerator, denominator } = figure;
  if (denominator === null) return describeCount(numerator, measureUnit);
  if (denominator === 0) return describeRate({ numerator, denominator });
  const rate = describeRate({ numerator, denominator, targetPercent, lowerIsBetter: lowerIsBetter(indicatorCode) });
  return `${formatNumber(numerator)}/${formatNumber(denominator)} ${measureUnit}, ${rate}`;
}

/**
 * Verified figures of an indicator item: a rate (numerator of denominator) or a count. Digits may
 * be typed with thousands dots ("11.701"). The figure is handed over when both parts are valid.
 */
export function IndicatorInput({
  itemId,
  indicatorCode,
  targetPercent,
  figure,
  reported,
  disabled,
  onCommit,
}: {
  itemId: number;
  indicatorCode: string | null;
  targetPercent: number | null;
  figure: Figure | null;
  reported: Figure | null;
  disabled: boolean;
  onCommit: (figure: Figure | null) => void;
}) {
  const isCount = indicatorDefinition(indicatorCode ?? "")?.kind === "count";
  const [numerator, setNumerator] = useState(figure ? formatNumber(figure.numerator) : "");
  const [denominator, setDenominator] = useState(figure?.denominator != null ? formatNumber(figure.denominator) : "");
  // Typed but not yet handed over: the server confirming the previous figure (a new object with
  // the same numbers) or a teammate's figure must not replace it.
  const edited = useRef(false);
  const shownNumerator = figure?.numerator ?? null;
  const shownDenominator = figure?.denominator ?? null;
  useEffect(() => {
    if (edited.current) return;
    setNumerator(shownNumerator === null ? "" : formatNumber(shownNumerator));
    setDenominator(shownDenominator === null ? "" : formatNumber(shownDenominator));
  }, [shownNumerator, shownDenominator]);

  const n = parseCount(numerator);
  const d = isCount ? null : parseCount(denominator);
  let error: string | null = null;
  if (n === "invalid" || d === "invalid") error = "Chỉ nhập số nguyên không âm.";
  else if (!isCount && n !== null && d !== null && n > d) error = "Số đạt không được lớn hơn tổng số.";
  const complete = error === null && n !== null && (isCount || d !== null);
  const draft: Figure | null = complete ? { numerator: n as number, denominator: isCount ? null : (d as number) } : null;

  function commit() {
    if (error) return;
    if (n === null && (isCount || d === null)) {
      edited.current = false;
      if (figure) onCommit(null);
      return;
    }
    if (!draft) return;
    edited.current = false;
    if (JSON.stringify(draft) !== JSON.stringify(figure)) onCommit(draft);
  }

  return (
    <div className="indicator">
      <div className="indicator-inputs">
        <label>
          {isCount ? "Số liệu kiểm tra" : "Số đạt (đoàn kiểm tra)"}
          <input
            inputMode="numeric"
            name={`numerator-${itemId}`}
            value={numerator}
            disabled={disabled}
            aria-invalid={error ? true : undefined}
            onChange={(e) => {
              edited.current = true;
              setNumerator(e.target.value);
            }}
            onBlur={commit}
          />
        </label>
        {isCount ? null : (
          <label>
            Tổng số
            <input
              inputMode="numeric"
              name={`denominator-${itemId}`}
              value={denominator}
              disabled={disabled}
              aria-invalid={error ? true : undefined}
              onChange={(e) => {
                edited.current = true;
                setDenominator(e.target.value);
              }}
              onBlur={commit}
            />
          </label>
        )}
      </div>
      {error ? <p className="field-error">{error}</p> : null}
      {draft ? <p className="indicator-sentence">Đoàn kiểm tra: {figureSentence(draft, indicatorCode, targetPercent)}</p> : null}
      <p className="muted indicator-reported">
        {reported ? `Đơn vị báo cáo: ${figureSentence(reported, indicatorCode, targetPercent)}` : "Đơn vị chưa báo cáo số liệu này."}
      </p>
    </div>
  );
}
