/** One tab per section with its progress, so the team sees at a glance what is left. */
export function SectionTabs({
  sections,
  progress,
  current,
  onSelect,
}: {
  sections: { id: number; code: string; title: string }[];
  progress: { answered: number; total: number; percent: number }[];
  current: number;
  onSelect: (index: number) => void;
}) {
  return (
    <nav className="section-tabs" aria-label="Các phần của phiếu kiểm tra">
      {sections.map((s, index) => (
        <button
          key={s.id}
          type="button"
          className={`section-tab${index === current ? " current" : ""}${progress[index].percent === 100 ? " done" : ""}`}
          aria-current={index === current ? "step" : undefined}
          title={s.title}
          onClick={() => onSelect(index)}
        >
          <span className="section-code">{s.code}</span>
          <span className="section-count">
            {progress[index].answered}/{progress[index].total}
          </span>
          <span className="section-bar" aria-hidden="true">
            <span style={{ width: `${progress[index].percent}%` }} />
          </span>
        </button>
      ))}
    </nav>
  );
}
