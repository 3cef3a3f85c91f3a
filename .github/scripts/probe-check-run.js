// The pull-request probe's result on the pull request: one check run on the pull
// request's head commit, with the probe's annotations on the changed lines and its
// Markdown step summary. The probe itself runs on the probe runner with a read-only
// token (pull-request-probe.yml); this runs on a GitHub-hosted runner, the only place
// with `checks: write`, and reads nothing but the files that job uploaded:
//   annotations.txt  stdout of `probe --format github` (workflow commands, then a summary line)
//   summary.md       the Markdown the probe wrote to $GITHUB_STEP_SUMMARY
//   stderr.txt       the probe's messages (a runner that cannot reach port 25 says so there)
//   status           the probe's exit status
// Everything in them came from the pull request's data: it is only ever passed on as
// text to the API, never evaluated.
'use strict';

const fs = require('fs');
const path = require('path');

const NAME = 'Probe changed entries';
// The checks API takes at most 50 annotations per request and 65535 characters of
// summary or text.
const ANNOTATIONS_PER_REQUEST = 50;
const TEXT_LIMIT = 65535;

/** Undoes the workflow-command escaping of a message (`%25`, `%0D`, `%0A`). */
function unescapeData(text) {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/** Undoes the escaping of a property value, where `:` and `,` are escaped too. */
function unescapeProperty(text) {
  return unescapeData(text.replace(/%3A/g, ':').replace(/%2C/g, ','));
}

const LEVELS = { error: 'failure', warning: 'warning', notice: 'notice' };

/**
 * The workflow commands (`::error file=F,line=L,title=T::message`, warning and notice
 * too) in `text`, unescaped; other lines are skipped.
 */
function parseCommands(text) {
  const commands = [];
  for (const line of text.split('\n')) {
    const match = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const properties = {};
    for (const pair of (match[2] || '').split(',')) {
      const equals = pair.indexOf('=');
      if (equals > 0) properties[pair.slice(0, equals)] = unescapeProperty(pair.slice(equals + 1));
    }
    commands.push({ level: match[1], properties, message: unescapeData(match[3]) });
  }
  return commands;
}

/** The commands that name a file and line, as the checks API wants annotations. */
function parseAnnotations(text) {
  const annotations = [];
  for (const { level, properties, message } of parseCommands(text)) {
    const lineNumber = Number.parseInt(properties.line, 10);
    if (!properties.file || !Number.isInteger(lineNumber)) continue;
    annotations.push({
      path: properties.file,
      start_line: lineNumber,
      end_line: lineNumber,
      annotation_level: LEVELS[level],
      title: properties.title || NAME,
      message: message.slice(0, TEXT_LIMIT),
    });
  }
  return annotations;
}

/**
 * The commands about the whole run (no file): a runner that cannot reach port 25, say.
 * A check-run annotation needs a file, so these go into the check run's title and text.
 */
function runMessages(text) {
  return parseCommands(text)
    .filter(({ properties }) => !properties.file)
    .map(({ properties, message }) => (properties.title ? `${properties.title}: ${message}` : message));
}

function readIfPresent(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return null;
    throw error;
  }
}

function clip(text) {
  return text.length <= TEXT_LIMIT ? text : `${text.slice(0, TEXT_LIMIT - 40)}\n\n… (cut; the run has the rest)`;
}

/**
 * What the check run says, from the uploaded files in `directory` and the probe job's
 * result (`success`, `failure`, ...). A missing file means the job failed before probing.
 */
function checkOutput({ directory, probeResult, runURL }) {
  const annotationsText = readIfPresent(path.join(directory, 'annotations.txt'));
  const summary = readIfPresent(path.join(directory, 'summary.md'));
  const stderr = readIfPresent(path.join(directory, 'stderr.txt'));
  const status = readIfPresent(path.join(directory, 'status'));
  if (annotationsText === null || status === null) {
    return {
      conclusion: 'failure',
      title: 'The probe did not run',
      summary: `The probe job ended (${probeResult}) before it probed anything: see ${runURL}`,
      text: stderr ? clip(stderr) : undefined,
      annotations: [],
    };
  }
  const annotations = parseAnnotations(annotationsText);
  const aboutTheRun = runMessages(annotationsText);
  const lastLine = annotationsText.trim().split('\n').filter((line) => !line.startsWith('::')).pop() || '';
  const passed = probeResult === 'success' && status.trim() === '0';
  const details = [
    aboutTheRun.join('\n\n'),
    stderr && stderr.trim() ? `Messages:\n\n\`\`\`\n${stderr.trim()}\n\`\`\`` : '',
    `Run: ${runURL}`,
  ].filter(Boolean).join('\n\n');
  const title = aboutTheRun.length > 0 ? aboutTheRun[0].split('\n')[0] : lastLine;
  return {
    conclusion: passed ? 'success' : 'failure',
    title: (title || (passed ? 'No entry fails' : 'The probe failed')).slice(0, 1000),
    summary: clip(summary && summary.trim() ? summary : lastLine || 'no summary'),
    text: clip(details),
    annotations,
  };
}

/** Creates the check run on `headSha`, then adds the annotations beyond the first 50. */
async function publish({ github, context, core, directory, headSha, probeResult, runURL }) {
  const { owner, repo } = context.repo;
  const result = checkOutput({ directory, probeResult, runURL });
  const batches = [];
  for (let index = 0; index < result.annotations.length; index += ANNOTATIONS_PER_REQUEST) {
    batches.push(result.annotations.slice(index, index + ANNOTATIONS_PER_REQUEST));
  }
  const output = (annotations) => ({ title: result.title, summary: result.summary, text: result.text, annotations });
  const created = await github.rest.checks.create({
    owner, repo, name: NAME, head_sha: headSha, status: 'completed', conclusion: result.conclusion,
    details_url: runURL, output: output(batches[0] || []),
  });
  for (const batch of batches.slice(1)) {
    await github.rest.checks.update({ owner, repo, check_run_id: created.data.id, output: output(batch) });
  }
  core.info(`check run ${created.data.id} on ${headSha}: ${result.conclusion}, ${result.annotations.length} annotations`);
  if (result.conclusion !== 'success') core.setFailed(result.title);
}

module.exports = { NAME, parseCommands, parseAnnotations, runMessages, checkOutput, publish };
