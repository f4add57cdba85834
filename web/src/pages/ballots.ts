// Extension ballots: the lead opens one on the next extension option and
// watches it fill; each member's strategic lead votes once, with a comment,
// and sees the results as they stand.

import { flash } from '../app';
import * as api from '../lib/api';
import { Action } from '../lib/api';
import { h, replaceChildren } from '../lib/dom';
import { authorityShortName, loadFrameworks } from '../lib/directory';
import { addDays, idOf, londonToInstant, todayInLondon, ukDate, ukTime } from '../lib/format';
import { Form } from '../lib/forms';
import { button, h2, heading, inset, link, p, radios, summaryList, table, tag, textarea } from '../lib/govuk';
import { type PageContext, navigate } from '../lib/router';
import type { ExtensionBallot, Framework } from '../lib/types';
import { VOTE_CHOICES, label } from '../lib/vocab';
import { dateTimeInput, keyFigures, readTime } from './common';

function outcomeTag(b: ExtensionBallot): HTMLElement {
  return b.open ? tag('OPEN') : tag(b.outcome);
}

function tally(b: ExtensionBallot, f: Framework): HTMLElement {
  const votes = b.votes ?? [];
  const count = (c: string) => votes.filter((v) => v.choice === c).length;
  const electorate = (b.electorate ?? []).length - (b.withdrawn ?? []).length;
  const rules = f.ballotRules ?? {};
  const quorum = Math.ceil((electorate * (rules.quorumPercent ?? 0)) / 100);
  return h(
    'div',
    { id: 'tally', 'aria-live': 'polite' },
    keyFigures([
      [`${votes.length} of ${electorate}`, 'have voted'],
      [String(count('APPROVE')), 'approve'],
      [String(count('REJECT')), 'reject'],
      [String(count('ABSTAIN')), 'abstain'],
    ]),
    p(
      `Valid with at least ${quorum} votes (quorum ${rules.quorumPercent ?? 0}%); passes with ${rules.unanimous ? 'every non-abstaining vote approving' : `${rules.passThresholdPercent ?? 0}% of non-abstaining votes approving`}.`,
    ),
  );
}

async function votesTable(b: ExtensionBallot): Promise<HTMLElement> {
  const rows = await Promise.all(
    (b.electorate ?? []).map(async (a) => {
      const v = (b.votes ?? []).find((x) => x.authority === a);
      const withdrawn = (b.withdrawn ?? []).includes(a);
      return [await authorityShortName(a), v ? label(VOTE_CHOICES, v.choice).replace(' the extension', '') : withdrawn ? 'Ceased membership' : 'Not yet voted', v?.comment || '–', v ? ukTime(v.castTime) : '–'];
    }),
  );
  return table({ caption: 'Votes', captionSize: 'm', id: 'votes', head: ['Member', 'Vote', 'Comment', 'Cast'], rows });
}

export async function ballotsPage(ctx: PageContext): Promise<void> {
  const name = `frameworks/${ctx.params.framework}`;
  const [f, res] = await Promise.all([api.get<Framework>(name), api.get<{ ballots?: ExtensionBallot[] }>(`${name}/ballots`)]);
  const ballots = res.ballots ?? [];
  const isLead = f.leadAuthority === ctx.session!.organisation && ctx.session!.roles.includes('LEAD_ADMIN');
  ctx.title('Extension ballots');
  const main = ctx.main;
  const t = f.term ?? {};
  const taken = t.extensionsTaken ?? 0;
  const next = (t.extensionOptions ?? [])[taken];
  main.append(
    heading('Extension ballots', f.title),
    summaryList([
      ['Current end', ukDate(t.currentEndDate)],
      ['Maximum end', ukDate(t.maximumEndDate)],
      ['Next option', next ? `Option ${taken + 1}: +${next.months} months` : 'None left'],
    ]),
    table({
      caption: 'Ballots, newest first',
      captionSize: 'm',
      id: 'ballots',
      head: ['Ballot', 'Option', 'Opened', 'Closes', 'Votes', 'Outcome'],
      rows: ballots.map((b) => [
        link(`/${b.name}`, `Ballot ${idOf(b.name)}`),
        `${b.optionNumber ?? ''}: +${b.optionMonths ?? 0} months`,
        ukTime(b.openTime),
        ukTime(b.closedTime ?? b.closeTime),
        `${(b.votes ?? []).length} of ${(b.electorate ?? []).length}`,
        outcomeTag(b),
      ]),
      empty: 'No ballots yet.',
    }),
  );
  if (isLead && next && f.status === 'ACTIVE' && !ballots.some((b) => b.open)) {
    const form = new Form({ close_time: 'close' }, { id: 'open-ballot-form', 'aria-label': 'Open an extension ballot' });
    const action = new Action();
    form.append(
      p(`The electorate is fixed when the ballot opens: the members active today. Each member’s strategic lead votes once.`),
      ...dateTimeInput('close', 'Voting closes', 'After now. The ballot closes earlier if everyone votes.', addDays(todayInLondon(), 14), '17:00'),
      button('Open extension ballot', { id: 'open-ballot' }),
    );
    form.onSubmit(async () => {
      const date = form.date('close', 'the closing date', true);
      const time = readTime(form, 'close-time');
      if (!date || !time) return;
      const closeTime = londonToInstant(date, time[0], time[1]);
      if (Date.parse(closeTime) <= Date.now()) {
        form.error('close', 'Voting must close in the future');
        return;
      }
      const b = await api.post<ExtensionBallot>(`${name}/ballots`, { closeTime }, action);
      flash(`Ballot ${idOf(b.name)} is open on option ${b.optionNumber} (+${b.optionMonths} months).`);
      navigate(`/${b.name}`);
    });
    main.append(h2('Open a ballot on the next option'), form.el);
  }
}

export async function ballotPage(ctx: PageContext): Promise<void> {
  const fwName = `frameworks/${ctx.params.framework}`;
  const name = `${fwName}/ballots/${ctx.params.number}`;
  const [f, b] = await Promise.all([api.get<Framework>(fwName), api.get<ExtensionBallot>(name)]);
  const s = ctx.session!;
  ctx.title(`Ballot ${ctx.params.number}`);
  const main = ctx.main;
  const status = h('div', { id: 'ballot-status' });
  const votes = h('div', {});
  const fill = async (x: ExtensionBallot) => {
    replaceChildren(
      status,
      summaryList([
        ['Outcome', outcomeTag(x)],
        ['Option', `${x.optionNumber ?? ''}: +${x.optionMonths ?? 0} months`],
        ['Opened', ukTime(x.openTime)],
        [x.open ? 'Closes' : 'Closed', ukTime(x.closedTime ?? x.closeTime)],
        x.newCurrentEndDate ? ['New current end', ukDate(x.newCurrentEndDate)] : null,
      ]),
      tally(x, f),
    );
    replaceChildren(votes, await votesTable(x));
  };
  await fill(b);
  main.append(heading(`Ballot ${idOf(b.name)}: extending the framework`, f.title), status, votes);
  if (b.open) {
    main.append(h('p', { class: 'govuk-body-s fhub-muted' }, 'This page follows the votes as they are cast.'));
    ctx.every(3000, async () => {
      const now = await api.get<ExtensionBallot>(name);
      if (!ctx.alive()) return;
      if (!now.open) {
        ctx.rerender();
        return;
      }
      await fill(now);
    });
  }
  const mine = s.organisation;
  const canVote = s.roles.includes('STRATEGIC_LEAD') && b.open && (b.electorate ?? []).includes(mine) && !(b.electorate ?? []).every((a) => a !== mine);
  const voted = (b.votes ?? []).find((v) => v.authority === mine);
  if (s.roles.includes('STRATEGIC_LEAD')) {
    if (voted) {
      main.append(inset(`${await authorityShortName(mine)} voted: ${label(VOTE_CHOICES, voted.choice)}${voted.comment ? `, “${voted.comment}”` : ''} (${ukTime(voted.castTime)}). Each member votes once.`));
    } else if (canVote) {
      const form = new Form({ choice: 'choice', comment: 'comment' }, { id: 'vote-form', 'aria-label': 'Your vote' });
      const action = new Action();
      form.append(
        radios({ id: 'choice', legend: `${await authorityShortName(mine)}’s vote on extending by ${b.optionMonths} months`, legendSize: 'm', items: VOTE_CHOICES.map(([value, text]) => ({ value, label: text, hint: value === 'ABSTAIN' ? 'Counts towards the quorum, but neither for nor against.' : undefined })) }),
        textarea({ id: 'comment', label: 'Comment (optional)', hint: 'Up to 1,000 characters. Every member sees it.', rows: 3 }),
        button('Cast vote', { id: 'cast-vote' }),
      );
      form.onSubmit(async () => {
        const choice = form.radio('choice');
        if (!choice) form.error('choice', 'Choose how you vote');
        const comment = form.value('comment');
        if (comment.length > 1000) form.error('comment', 'The comment must be 1,000 characters or fewer');
        if (form.hasErrors()) return;
        await api.post(`${name}:vote`, { authority: mine, choice, comment }, action);
        flash('Your vote is cast.');
        ctx.rerender();
      });
      main.append(form.el);
    } else if (b.open) {
      main.append(inset(`${await authorityShortName(mine)} is not in this ballot’s electorate (the members when it opened).`));
    }
  }
}

/** The strategic lead's start: the ballots of each framework it is a member of. */
export async function strategicLeadBallotsPage(ctx: PageContext): Promise<void> {
  ctx.title('Extension ballots');
  const frameworks = await loadFrameworks();
  const main = ctx.main;
  main.append(heading('Extension ballots', await authorityShortName(ctx.session!.organisation)));
  if (!frameworks.length) main.append(p('Your authority is not a member of any framework.'));
  for (const f of frameworks) {
    const res = await api.get<{ ballots?: ExtensionBallot[] }>(`${f.name}/ballots`).catch(() => ({ ballots: [] }));
    const ballots = res.ballots ?? [];
    const open = ballots.filter((b) => b.open);
    main.append(h2(f.title ?? f.name));
    if (open.length) {
      for (const b of open) {
        const voted = (b.votes ?? []).some((v) => v.authority === ctx.session!.organisation);
        main.append(
          inset(
            h('p', { class: 'govuk-body' }, h('strong', {}, `Ballot ${idOf(b.name)} is open`), `: extend by ${b.optionMonths} months (option ${b.optionNumber}); closes ${ukTime(b.closeTime)}. ${(b.votes ?? []).length} of ${(b.electorate ?? []).length} have voted.`),
            h('p', { class: 'govuk-body' }, link(`/${b.name}`, voted ? 'See the results as they stand' : 'Vote on this ballot')),
          ),
        );
      }
    } else {
      main.append(p('No ballot is open.'));
    }
    const closed = ballots.filter((b) => !b.open);
    if (closed.length) {
      main.append(
        table({
          caption: 'Earlier ballots',
          head: ['Ballot', 'Option', 'Closed', 'Outcome'],
          rows: closed.map((b) => [link(`/${b.name}`, `Ballot ${idOf(b.name)}`), `+${b.optionMonths} months`, ukTime(b.closedTime), outcomeTag(b)]),
        }),
      );
    }
    main.append(p(`The framework runs to ${ukDate(f.term?.currentEndDate)} (at most ${ukDate(f.term?.maximumEndDate)}).`));
  }
}
