// Fills a plain-text template from activities/documents/templates/: `{{name}}` is replaced by the
// fact of that name. A template naming a fact that was not given is a bug, not an empty line.
import { readFileSync } from 'node:fs';

const cache = new Map<string, string>();

export function template(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(new URL(`./templates/${name}.txt`, import.meta.url), 'utf8');
    cache.set(name, text);
  }
  return text;
}

export function fill(text: string, facts: Record<string, string>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = facts[name];
    if (value === undefined) throw new Error(`document template needs the fact "${name}"`);
    return value;
  });
}

/** A date as Chinese court documents write it, in China Standard Time: 2025年10月9日. */
export function chineseDate(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}年${Number(part('month'))}月${Number(part('day'))}日`;
}

const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 一、… 二、… for numbered lines (up to twenty). */
export function chineseOrdinal(index: number): string {
  if (index < 10) return numerals[index]!;
  return `十${index === 10 ? '' : numerals[index - 11] ?? String(index - 10)}`;
}
