import { OPTION_LETTERS } from './suite.js';

/**
 * Reads the chosen option from a model's reply, or null ("unparseable", scored as wrong and counted
 * apart). Accepted: a bare letter or number ("B", "(B)", "b.", "2", "2번", "②", "Ｂ", "B입니다", "B. <the
 * option's text>"), or an explicit marker anywhere ("정답: B", "정답은 ③입니다", "답: 2", "Answer: B";
 * the last marker wins, as in a worked answer that ends with its conclusion). Anything else — prose,
 * two different options ("A 또는 B"), an option that does not exist — is unparseable: a guess would
 * flatter a model that did not follow the instruction.
 */
export function extractAnswer(reply: string | null | undefined, options: readonly string[]): number | null {
  if (!reply) return null;
  const text = clean(reply);
  if (text === '') return null;
  return bareAnswer(text, options) ?? markedAnswer(text, options.length);
}

/** NFKC (full-width letters, circled digits ① → 1), no reasoning block, no markdown emphasis or LaTeX box. */
function clean(reply: string): string {
  let text = reply.normalize('NFKC').replace(/[\uFE0F\u20E3\u200B-\u200D\u2060]/g, '');
  text = text.replace(/<think>[\s\S]*?<\/think>/gi, '');
  if (/<think>/i.test(text)) return ''; // reasoning that never ended: no answer was given
  text = text.replace(/\\boxed\{([^}]*)\}/g, '$1').replace(/\\text(?:bf)?\{([^}]*)\}/g, '$1');
  return text.replace(/\*\*|__|`|\$/g, '').trim();
}

const TOKEN = String.raw`[(\[]?([A-Ea-e]|[1-9])[)\]]?`;
const COPULA = String.raw`(?:번)?\s*(?:입니다|이다|예요|이에요|임)?`;
const END = String.raw`[\s.。,!:;]*`;

function indexOfToken(token: string, count: number): number | null {
  const upper = token.toUpperCase();
  const letter = (OPTION_LETTERS as readonly string[]).indexOf(upper);
  const index = letter >= 0 ? letter : Number(upper) - 1;
  return Number.isInteger(index) && index >= 0 && index < count ? index : null;
}

function squash(value: string): string {
  return value.normalize('NFKC').replace(/[\s.。,!:;'"“”‘’]/g, '').toLowerCase();
}

/** The first line is the answer alone, or the answer followed by that option's own text. */
function bareAnswer(text: string, options: readonly string[]): number | null {
  const first = text.split(/\r?\n/).find((line) => line.trim() !== '')!.trim();
  const alone = new RegExp(`^${TOKEN}${COPULA}${END}$`).exec(first);
  if (alone) {
    // A lone lower-case letter is still a letter; a lone "a" in a sentence never reaches here.
    return indexOfToken(alone[1]!, options.length);
  }
  const withText = new RegExp(String.raw`^[(\[]?([A-E]|[1-9])[)\]]?(?:번)?\s*[.:)\-–—]\s*(.+)$`).exec(first);
  if (withText) {
    const index = indexOfToken(withText[1]!, options.length);
    // "2. 먼저 보기를 살펴보면…" is a numbered list, not an answer: the rest must be the option itself.
    if (index !== null && squash(withText[2]!).startsWith(squash(options[index]!)) && squash(options[index]!) !== '') return index;
  }
  return null;
}

const MARKER = String.raw`(?:정답|답변|답|[Ff]inal [Aa]nswer|[Aa]nswer|ANSWER)`;
/**
 * After a marker: an upper-case letter, a lower-case one only when nothing follows ("answer is a good
 * guess" is prose), or a digit that is not the start of a number or a count ("답은 4가지" is prose).
 */
const MARKED_TOKEN = String.raw`[(\[]?([A-E](?![A-Za-z0-9])|[a-e](?=[)\]]?\s*(?:[.。]|$))|[1-9](?![0-9]|\s*(?:가지|개|년|월|일|세기|명|차|번째|%|퍼센트|점|권|장|조)))[)\]]?`;
const MARKED = new RegExp(String.raw`${MARKER}\s*(?:은|는|:|=|is)?\s*:?\s*${MARKED_TOKEN}`, 'gm');
const ALTERNATIVE = new RegExp(String.raw`^\s*(?:,|/|또는|혹은|이나|나|와|과|및|or|and)\s*${TOKEN}(?![A-Za-z0-9])`, 'i');

/** The last explicit "정답: X" / "Answer: X" in the reply; "정답: A 또는 B" is no answer. */
function markedAnswer(text: string, count: number): number | null {
  let found: number | null = null;
  for (const match of text.matchAll(MARKED)) {
    const rest = text.slice(match.index + match[0].length).replace(new RegExp(`^${COPULA}`), '');
    if (ALTERNATIVE.test(rest)) {
      found = null;
      continue;
    }
    found = indexOfToken(match[1]!, count);
  }
  return found;
}
