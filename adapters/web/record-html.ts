// R82: one modification's page: its facts, the timeline (SVG and the same facts in words), documents,
// decisions with tallies, consultation response counts and pending deadlines.
import { count } from '../../src/domain/words.ts';
import type { ModificationRecord, VoteEntry } from '../../src/views/register-record.ts';
import type { Links } from './html.ts';
import { html, page, safeHref } from './html.ts';
import { OUTCOME_WORDS, timelineSvg } from './timeline-svg.ts';

function facts(r: ModificationRecord) {
  const item = (term: string, value: string | null | undefined) =>
    value ? [html`<dt>${term}</dt>`, html`<dd>${value}</dd>`] : null;
  return html`<dl class="facts">
    ${item('Status', r.statusText)}
    ${item('Now', r.stage)}
    ${item('Route', r.route)}
    ${item('Decided by', r.determination)}
    ${item('Proposer', r.proposer)}
    ${item('Raised', r.raised)}
    ${item('Last change', r.lastChangeText)}
    ${item('Implementation', r.implementation)}
    ${item('Reason given', r.ending)}
    ${item('Decision of the Authority', r.authority)}
  </dl>`;
}

/** The timeline's facts as sentences (what the drawing shows, for those who do not see it). */
function timelineWords(r: ModificationRecord): string[] {
  const t = r.timeline;
  const ft = t.fastTrack;
  return [
    // R71: counts agree with their nouns ("1 Working Day", "3 Working Days").
    ...t.stages.map(
      (s) => `${s.label}: ${s.fromText} to ${s.toText} (${count(s.to - s.from, 'Working Day')})`,
    ),
    ...(ft ? [`${ft.label}: ${ft.fromText} to ${ft.toText}${ft.ending ? `, ${ft.ending}` : ''}`] : []),
    // R71: the outcome in words ("not passed", "set aside"), as the drawing names it.
    ...t.ballots.map((b) => `${b.label}: ${b.fromText} to ${b.toText}, ${OUTCOME_WORDS[b.outcome]}`),
    // "(past)", not "(passed)": beside a consultation's close, "passed" read as its outcome.
    ...t.deadlines.map((d) => `${d.label}: ${d.text}${d.passed ? ' (past)' : ''}`),
  ];
}

function timelineSection(r: ModificationRecord) {
  return html`<section aria-labelledby="h-timeline">
    <h2 id="h-timeline">Timeline</h2>
    <figure class="figure">${timelineSvg(r.timeline)}</figure>
    <details>
      <summary>The timeline in words</summary>
      <ul>${timelineWords(r).map((line) => html`<li>${line}</li>`)}</ul>
    </details>
  </section>`;
}

function documentsSection(r: ModificationRecord) {
  const doc = (d: ModificationRecord['documents'][number]) => {
    const href = safeHref(d.link);
    const name = `${d.name}, version ${d.version}`;
    const extra = `recorded ${d.recorded}${d.nonMaterial ? '; a non-material change' : ''}${d.note ? `; ${d.note}` : ''}`;
    return html`<li>
      ${href ? html`<a href=${href} rel="noreferrer noopener external">${name}</a>` : `${name}: ${d.link}`}
      <span class="stage">${extra}</span>
    </li>`;
  };
  return html`<section aria-labelledby="h-documents">
    <h2 id="h-documents">Documents</h2>
    ${r.documents.length === 0 ? html`<p>None recorded yet.</p>` : html`<ul>${r.documents.map(doc)}</ul>`}
  </section>`;
}

/** R33: who cast the vote, and in whose seat when an alternate did. */
const voter = (v: VoteEntry): string => (v.inSeatOf ? `${v.name} (in ${v.inSeatOf}'s seat)` : v.name);

function decisionsSection(r: ModificationRecord) {
  const tally = (t: ModificationRecord['decisions'][number]['tallies'][number]) => html`<table>
    <caption>${`${t.solutionName}: ${t.passed ? 'passed' : 'not passed'}`}</caption>
    <thead><tr>${t.counts.map((c) => html`<th scope="col">${c.option}</th>`)}</tr></thead>
    <tbody><tr>${t.counts.map((c) => html`<td>${c.votes}</td>`)}</tr></tbody>
    <tfoot><tr><td colspan=${t.counts.length}>${t.explanation}</td></tr></tfoot>
  </table>`;
  // R71: on a ballot with several solutions each vote names its solution in words.
  const votes = (d: ModificationRecord['decisions'][number]) => {
    const several = d.votes?.some((v) => v.solution !== 'S0') === true;
    return d.votes
      ? html`<ul class="votes" aria-label="Votes">
          ${d.votes.map((v) => html`<li>${`${voter(v)}: ${v.option}${several ? ` (${v.solutionName})` : ''}`}</li>`)}
        </ul>`
      : null;
  };
  return html`<section aria-labelledby="h-decisions">
    <h2 id="h-decisions">Decisions</h2>
    ${r.decisions.length === 0 ? html`<p>No ballots yet.</p>` : null}
    ${r.decisions.map(
      (d) => html`<div class="decision">
        <h3>${`${d.title}: ${d.outcomeText}`}</h3>
        <p>${`Opened ${d.opened}${d.closed ? `; ${d.outcome === 'cancelled' ? 'cancelled' : 'closed'} ${d.closed}` : ''}.${d.progress ? ` ${d.progress}.` : ''}`}</p>
        ${d.tallies.map(tally)}
        ${votes(d)}
      </div>`,
    )}
  </section>`;
}

function consultationsSection(r: ModificationRecord) {
  if (r.consultations.length === 0) return null;
  const positions = (c: ModificationRecord['consultations'][number]) =>
    c.positions.map((p) => `${p.solutionName}: ${p.support} support, ${p.oppose} oppose`).join('; ');
  return html`<section aria-labelledby="h-consultations">
    <h2 id="h-consultations">Consultations</h2>
    <table>
      <caption>Responses by solution</caption>
      <thead>
        <tr>
          <th scope="col">Consultation</th>
          <th scope="col">Closes</th>
          <th scope="col">Responses</th>
          <th scope="col">Support and oppose</th>
        </tr>
      </thead>
      <tbody>
        ${r.consultations.map(
          (c) => html`<tr>
            <th scope="row">${`${c.title} (${c.status})`}</th>
            <td>${c.closes}</td>
            <td>${c.responses}</td>
            <td>${positions(c)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

export function recordHtml(r: ModificationRecord, links: Links): string {
  return page(
    `${r.ref}: ${r.title} · Modification Register`,
    html`<p><a href=${links.to('/register')}>Back to the register</a></p>
      <h1>${r.ref}: ${r.title}</h1>
      ${facts(r)}
      <section aria-labelledby="h-about">
        <h2 id="h-about">What it is about</h2>
        <h3>Problem</h3>
        <p class="text">${r.problem}</p>
        ${
          r.solution
            ? html`<h3>Proposed solution</h3>
                <p class="text">${r.solution}</p>`
            : null
        }
        ${
          r.solutions.length > 1
            ? html`<h3>Solutions</h3>
                <ul>
                  ${r.solutions.map((x) => html`<li>${x.name}</li>`)}
                </ul>`
            : null
        }
        ${
          r.benefits
            ? html`<h3>Benefits</h3>
                <p class="text">${r.benefits}</p>`
            : null
        }
        ${
          r.related.length
            ? html`<h3>Related</h3>
                <ul>
                  ${r.related.map((x) => html`<li>${x.relation} <a href=${links.to(`/register/${x.ref}`)}>${x.ref}</a></li>`)}
                </ul>`
            : null
        }
      </section>
      ${timelineSection(r)} ${documentsSection(r)} ${decisionsSection(r)} ${consultationsSection(r)}
      <section aria-labelledby="h-deadlines">
        <h2 id="h-deadlines">Coming deadlines</h2>
        ${
          r.deadlines.length
            ? html`<ul>
                ${r.deadlines.map((d) => html`<li>${d.label}: <time datetime=${d.due}>${d.text}</time></li>`)}
              </ul>`
            : html`<p>None.</p>`
        }
      </section>
      <p class="twins">Also as <a href=${links.to(`/register/${r.ref}.json`)}>JSON</a>.</p>`,
    links,
  );
}
