// The daily probe's one issue: lists every failing entry with its reasons and suggested
// line. Opened when something fails, its body replaced while anything does, closed with a
// comment when nothing fails any more. Reads `tls-policy-validator probe --format json`
// documents (schema version 1, see docs/probe-json.md), so it does not depend on the
// report's own formats.
'use strict';

const fs = require('fs');
const path = require('path');

const TITLE = 'Daily probe: failing policy entries';
const LABEL = 'probe-failures';

/** Every probe JSON document in `directory` (files ending in .json), in name order. */
function readResults(directory) {
  return fs.readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = path.join(directory, name);
      let document;
      try {
        document = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (error) {
        throw new Error(`${file}: not a probe JSON document: ${error.message}`);
      }
      if (document.version !== 1 || !Array.isArray(document.entries)) {
        throw new Error(`${file}: expected probe JSON version 1 with an "entries" array`);
      }
      return document;
    });
}

/** The failing entries of all documents, by file and line (shards split them arbitrarily). */
function failingEntries(documents) {
  return documents
    .flatMap((document) => document.entries)
    .filter((entry) => entry.verdict === 'fail')
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.key.localeCompare(b.key));
}

// Keeps a table cell on one line and stops Markdown from reading a `|` as a column.
function cell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

/** The issue's Markdown body for `entries`. */
function issueBody(entries, runURL) {
  const lines = [
    `The daily probe found **${entries.length}** failing ${entries.length === 1 ? 'entry' : 'entries'}: `
      + 'Postfix would defer mail to these destinations on every host that uses the dataset.',
    '',
    `Run: ${runURL}`,
    '',
  ];
  for (const entry of entries) {
    lines.push(`### \`${entry.key}\` (${entry.file}:${entry.line})`, '');
    lines.push('```', entry.entry, '```', '');
    if (entry.failures && entry.failures.length > 0) {
      lines.push('| MX host | address | result type | what Postfix logs |', '|---|---|---|---|');
      for (const failure of entry.failures) {
        lines.push(`| ${cell(failure.mxHost)} | ${cell(failure.address || '-')} | ${cell(failure.resultType)} | ${cell(failure.reason)} |`);
      }
      lines.push('');
    } else if (entry.summary) {
      lines.push(entry.summary, '');
    }
    if (entry.suggestion) {
      const suggested = [...(entry.suggestion.annotations || []), entry.suggestion.line];
      const verified = entry.suggestion.verified ? 'verified by a probe' : 'not verified';
      lines.push(`Suggested line (${verified}): ${entry.suggestion.why}`, '', '```', ...suggested, '```', '');
    } else {
      lines.push('No suggested line: remove the entry or investigate by hand.', '');
    }
  }
  return lines.join('\n');
}

/** Opens, updates or closes the issue through actions/github-script's `github` client. */
async function update({ github, context, core, directory, runURL }) {
  const entries = failingEntries(readResults(directory));
  const { owner, repo } = context.repo;
  const open = await github.paginate(github.rest.issues.listForRepo, {
    owner, repo, state: 'open', labels: LABEL, per_page: 100,
  });
  const existing = open.find((issue) => issue.title === TITLE && !issue.pull_request);

  if (entries.length === 0) {
    if (existing) {
      await github.rest.issues.createComment({
        owner, repo, issue_number: existing.number, body: `No failing entries in ${runURL}: closing.`,
      });
      await github.rest.issues.update({ owner, repo, issue_number: existing.number, state: 'closed' });
      core.info(`closed #${existing.number}`);
    } else {
      core.info('no failing entries, no open issue');
    }
    return;
  }
  const body = issueBody(entries, runURL);
  if (existing) {
    await github.rest.issues.update({ owner, repo, issue_number: existing.number, body });
    core.info(`updated #${existing.number}: ${entries.length} failing`);
  } else {
    const created = await github.rest.issues.create({ owner, repo, title: TITLE, body, labels: [LABEL] });
    core.info(`opened #${created.data.number}: ${entries.length} failing`);
  }
}

module.exports = { TITLE, LABEL, readResults, failingEntries, issueBody, update };
