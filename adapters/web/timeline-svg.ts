// R82: the timeline drawn as SVG on the server: one row per stage (a bar over the Working Days it
// lasted), one per ballot (coloured and named by its outcome), the Fast Track objection window, and the
// deadlines as marks on their own row, with today as a dashed line. The picture has a title and a
// description for screen readers, and the page lists the same facts as text beside it.
import type { Timeline } from '../../src/views/timeline.ts';
import { html } from './html.ts';

const WIDTH = 1000;
const LEFT = 300;
const RIGHT = 24;
const TOP = 34;
const ROW = 28;
const BAR = 18;

/** A ballot's outcome in words (R71), in the drawing and in the words beneath it. */
export const OUTCOME_WORDS = {
  open: 'open',
  passed: 'passed',
  failed: 'not passed',
  cancelled: 'cancelled',
  voided: 'set aside',
} as const;

/** A tick every 1, 2, 5, 10, 20, 50… Working Days, so that there are about eight. */
function tickStep(length: number): number {
  const raw = length / 8;
  for (let p = 1; p <= 1e6; p *= 10) {
    for (const base of [1, 2, 5]) if (base * p >= raw) return base * p;
  }
  return length;
}

interface Row {
  label: string;
  from: number;
  to: number;
  kind: string;
  tip: string;
}

export function timelineSvg(t: Timeline, idPrefix = 'timeline') {
  const plot = WIDTH - LEFT - RIGHT;
  const x = (wd: number) => LEFT + (Math.min(Math.max(wd, 0), t.length) / t.length) * plot;
  const rows: Row[] = [
    ...t.stages.map((s) => ({
      label: s.label,
      from: s.from,
      to: s.to,
      kind: s.current ? 'stage current' : 'stage',
      tip: `${s.label}: ${s.fromText} to ${s.toText}`,
    })),
    ...(t.fastTrack
      ? [
          {
            label: t.fastTrack.label,
            from: t.fastTrack.from,
            to: t.fastTrack.to,
            kind: t.fastTrack.objected ? 'window objected' : 'window',
            tip: `${t.fastTrack.label}: ${t.fastTrack.fromText} to ${t.fastTrack.toText}${t.fastTrack.ending ? ` (${t.fastTrack.ending})` : ''}`,
          },
        ]
      : []),
    ...t.ballots.map((b) => ({
      label: `${b.label}: ${OUTCOME_WORDS[b.outcome]}`,
      from: b.from,
      to: b.to,
      kind: `ballot ${b.outcome}`,
      tip: `${b.label}, ${OUTCOME_WORDS[b.outcome]}: ${b.fromText} to ${b.toText}`,
    })),
  ];
  const deadlineY = TOP + rows.length * ROW + 6;
  const height = deadlineY + ROW + 34;
  const step = tickStep(t.length);
  const ticks: number[] = [];
  for (let v = 0; v <= t.length; v += step) ticks.push(v);
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  return html`<svg
    class="timeline"
    viewBox=${`0 0 ${WIDTH} ${height}`}
    width="100%"
    role="img"
    aria-labelledby=${`${titleId} ${descId}`}
    xmlns="http://www.w3.org/2000/svg"
  >
    <title id=${titleId}>Timeline on a Working-Day axis</title>
    <desc id=${descId}>${t.summary}</desc>
    <g class="axis" aria-hidden="true">
      ${ticks.map(
        (v) =>
          html`<g>
            <line x1=${x(v)} x2=${x(v)} y1=${TOP - 8} y2=${height - 30} class="grid" />
            <text x=${x(v)} y=${TOP - 14} text-anchor="middle">${v}</text>
          </g>`,
      )}
      <text x=${LEFT + plot / 2} y=${height - 8} text-anchor="middle">Working Days after it was raised</text>
    </g>
    ${rows.map((r, i) => {
      const y = TOP + i * ROW;
      const x1 = x(r.from);
      const w = Math.max(4, x(r.to) - x1);
      return html`<g class=${r.kind}>
        <title>${r.tip}</title>
        <text x=${LEFT - 8} y=${y + BAR - 4} text-anchor="end" class="label">${r.label}</text>
        <rect x=${x1} y=${y} width=${w} height=${BAR} rx="3" />
      </g>`;
    })}
    <g class="deadlines">
      <text x=${LEFT - 8} y=${deadlineY + BAR - 4} text-anchor="end" class="label">Deadlines</text>
      ${t.deadlines.map((d) => {
        const cx = x(d.at);
        const cy = deadlineY + BAR / 2;
        return html`<g class=${d.passed ? 'deadline passed' : 'deadline'}>
          <title>${`${d.label}: ${d.text}`}</title>
          <path d=${`M ${cx} ${cy - 8} L ${cx + 8} ${cy} L ${cx} ${cy + 8} L ${cx - 8} ${cy} Z`} />
        </g>`;
      })}
    </g>
    ${
      t.today === null
        ? null
        : html`<g class="today">
            <line x1=${x(t.today)} x2=${x(t.today)} y1=${TOP - 8} y2=${height - 30} />
            <text x=${x(t.today) + 4} y=${height - 30} class="label">Today</text>
          </g>`
    }
  </svg>`;
}
