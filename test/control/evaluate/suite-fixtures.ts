import { OPTION_LETTERS, type Suite, type SuiteItem } from '../../../src/control/evaluate/suite.js';

/**
 * A synthetic suite of `count` four-option items in two categories ("문법" and "역사"), answers
 * cycling A, B, C, D, so tests know every answer without reading a file.
 */
export function syntheticSuite(count: number, name = 'synthetic'): Suite {
  const items: SuiteItem[] = Array.from({ length: count }, (_, index) => {
    const id = `q${String(index + 1).padStart(4, '0')}`;
    return {
      suite: name,
      id,
      key: `${name}/${id}`,
      question: `시험 문항 ${index + 1}: 보기 중 '정답 ${index + 1}'은 무엇인가?`,
      choices: OPTION_LETTERS.slice(0, 4).map((letter) => `보기 ${letter}${index + 1}`),
      answer: index % 4,
      category: index % 2 === 0 ? '문법' : '역사',
      origin: `${name}.jsonl:${index + 1}`,
    };
  });
  return { name, files: [`${name}.jsonl`], items, examples: [] };
}

/** The same items as JSONL text, as a user's file would hold them. */
export function suiteJsonl(suite: Suite): string {
  return suite.items
    .map((item) => JSON.stringify({ id: item.id, question: item.question, choices: item.choices, answer: OPTION_LETTERS[item.answer], category: item.category }))
    .join('\n');
}
