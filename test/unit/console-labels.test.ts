import { describe, expect, it } from 'vitest';
import { deliveryFailureLabel, materialReference, processFailureLabel } from '../../api/console/labels';

describe('words staff read for the engine’s codes and errors', () => {
  it('names why a notice was not delivered without the receiver’s own words', () => {
    expect(deliveryFailureLabel('webhook answered 503: Service Unavailable')).toBe('接收系统拒收（答复代码503），请联系接收系统核实');
    expect(deliveryFailureLabel('fetch failed')).toMatch(/^无法连接接收系统/);
    expect(deliveryFailureLabel('connect ECONNREFUSED 127.0.0.1:9')).toMatch(/^无法连接接收系统/);
    expect(deliveryFailureLabel('something else entirely')).toBe('发送失败，详情见运行日志');
  });

  it('reads the investigation reference as the documents print it, other references as written', () => {
    expect(materialReference('investigation:2025-09-01')).toBe('财产调查记录（二〇二五年九月一日）');
    expect(materialReference('(2025)京0105执移5号')).toBe('(2025)京0105执移5号');
  });

  it('gives a stuck process’s Chinese reason without its gloss, or the kind of failure', () => {
    expect(processFailureLabel({ retryable: false, message: '数据库拒绝写入，重试无法修复 (the database refused the write, SQLSTATE 22003)' })).toBe('数据库拒绝写入，重试无法修复');
    expect(processFailureLabel({ retryable: true, message: 'Connection terminated unexpectedly' })).toMatch(/正在自动重试/);
    expect(processFailureLabel({ retryable: false, message: 'boom' })).toMatch(/重试无法修复/);
  });
});
