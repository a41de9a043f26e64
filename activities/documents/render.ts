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

const digitNumerals = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–31 as a document writes a month or day: 九, 十, 十一, 二十, 三十一. */
function chineseNumber(n: number): string {
  if (n < 10) return digitNumerals[n]!;
  const tens = Math.floor(n / 10);
  const units = n % 10;
  return `${tens === 1 ? '' : digitNumerals[tens]}十${units === 0 ? '' : digitNumerals[units]}`;
}

/**
 * A date as a court document's 成文日期 is written (GB/T 9704-2012 §7.3.5.3: the year in full, digits
 * as Chinese numerals with 〇 for zero, month and day without a leading zero), in China Standard
 * Time: 2026-11-30T… → 二〇二六年十一月三十日.
 */
export function chineseDate(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(new Date(iso));
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const year = [...String(part('year'))].map((d) => digitNumerals[Number(d)]).join('');
  return `${year}年${chineseNumber(part('month'))}月${chineseNumber(part('day'))}日`;
}

const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 一、… 二、… for numbered lines (up to twenty). */
export function chineseOrdinal(index: number): string {
  if (index < 10) return numerals[index]!;
  return `十${index === 10 ? '' : numerals[index - 11] ?? String(index - 10)}`;
}
