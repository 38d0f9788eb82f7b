import { describe, expect, it } from 'vitest';
import type { MeanStd, StudySummary } from '../../../src-shared/analysis';
import { dememFig2, dememFig3, dememTable1, dememTable2 } from '../../../src-main/reports/definitions/demem';
import { samTable1, sharpregGamma } from '../../../src-main/reports/definitions/sam';
import { allOf, describeDifference, describeRelative, difference, directionVerdict } from '../../../src-main/reports/evidence';
import { REPORTS } from '../../../src-main/reports/registry';
import type { StudyData } from '../../../src-main/reports/report-data';
import { reportCsv, reportHtml } from '../../../src-main/reports/render';
import { PRESETS } from '../../../src-main/studies/presets';

const ms = (mean: number, std = 0.01, n = 8): MeanStd => ({ mean, std, n });

/** A completed study's data with the given headline numbers. */
function study(natural: number, robust: number, tpr: number, extra: Partial<StudySummary> = {}, attacks: StudyData['attacks'] = new Map()): StudyData {
  const summary: StudySummary = {
    naturalAccuracy: ms(natural),
    robustAccuracy: ms(robust),
    attack: 'lira',
    auc: ms(0.6),
    tpr: { '0.01': ms(tpr * 3), '0.001': ms(tpr), '0.00001': ms(tpr / 2) },
    epsilon: null,
    delta: null,
    ...extra,
  };
  return { study: {} as never, summary, accuracy: null, attacks, memorization: null, influence: null, store: {} as never };
}

/** The same data, as run with a config carrying these fields. */
function withConfig(data: StudyData, config: object): StudyData {
  return { ...data, study: { config } as never };
}

describe('evidence', () => {
  it('needs two standard errors in the claimed direction', () => {
    const a = ms(0.5, 0.02, 16);
    expect(directionVerdict(difference(a, ms(0.48, 0.02, 16)), 'down')).toBe('supported');
    expect(directionVerdict(difference(a, ms(0.495, 0.02, 16)), 'down')).toBe('inconclusive');
    expect(directionVerdict(difference(a, ms(0.52, 0.02, 16)), 'down')).toBe('not supported');
    expect(allOf(['supported', 'inconclusive'])).toBe('inconclusive');
    expect(allOf(['supported', 'not run'])).toBe('not run');
  });

  it('writes differences with a typographic minus', () => {
    expect(describeDifference(difference(ms(0.5, 0.02, 16), ms(0.48, 0.02, 16)))).toBe('−2.00 ± 0.71 points (z = −2.8)');
    expect(describeRelative(-0.744)).toBe('−74%');
    expect(describeRelative(0.05)).toBe('+5%');
  });
});

describe('report definitions', () => {
  it('cover every role of every preset they read, in the same order', () => {
    for (const report of REPORTS) {
      for (const presetId of report.presets) {
        const preset = PRESETS.find((p) => p.id === presetId)!;
        expect(preset.studies, `${report.id} / ${presetId}`).toHaveLength(report.roles.length);
        expect(preset.report).toBe(report.id);
      }
    }
  });

  it('DeMem Table 2: supported when DeMem lowers TPR for little robustness, not otherwise', () => {
    const good = new Map<string, StudyData | null>([
      ['pgd-at', study(0.8, 0.5, 0.10)],
      ['pgd-at+demem', study(0.8, 0.495, 0.05)],
      ['trades', study(0.8, 0.55, 0.08)],
      ['trades+demem', study(0.8, 0.54, 0.085)],
    ]);
    const { claims, tables } = dememTable2.build(good);
    expect(claims.map((c) => c.verdict)).toEqual(['supported', 'inconclusive']);
    expect(claims[0]!.evidence).toContain('TPR@0.1%: −5.00');
    expect(tables[0]!.rows[1]![3]).toBe('5.00 ± 1.00');
    expect(tables[1]!.rows[0]![4]).toBe('67.23 ± 0.71');
    const costly = new Map(good).set('pgd-at+demem', study(0.8, 0.40, 0.05));
    expect(dememTable2.build(costly).claims[0]!.verdict).toBe('not supported');
    const missing = new Map(good).set('trades+demem', null);
    expect(dememTable2.build(missing).claims[1]!.verdict).toBe('not run');
  });

  it('DeMem Fig. 2 reads each sweep from λ = 0 to its largest λ', () => {
    const sweep = (objective: string, lambdas: number[], tprs: number[], robust: number[]) =>
      lambdas.map((lambda, i): [string, StudyData] => [
        `${objective} λ=${lambda}`,
        withConfig(study(0.8, robust[i]!, tprs[i]!), { dataset: { id: 'fashion-mnist' }, method: { objective: { kind: 'pgd-at', epsilon: 0.1 }, demem: lambda ? { lambda } : undefined } }),
      ]);
    const data = new Map<string, StudyData | null>([...sweep('PGD-AT', [0, 0.2, 0.4, 0.6], [0.02, 0.015, 0.01, 0.005], [0.5, 0.49, 0.48, 0.45]), ...sweep('TRADES', [0, 0.2, 0.3, 0.4], [0.02, 0.019, 0.019, 0.018], [0.5, 0.5, 0.5, 0.499])]);
    const { claims, tables } = dememFig2.build(data);
    expect(claims.map((c) => c.verdict)).toEqual(['supported', 'inconclusive']);
    expect(claims[0]!.evidence).toMatch(/^λ 0 → 0\.6: TPR@0\.1% −1\.50 ± 0\.50 points \(z = −3\.0\) \(−75% relative\); robust accuracy −5\.00/);
    expect(tables[0]!.rows.map((r) => r[0])).toEqual([...data.keys()]);
  });

  it('DeMem Fig. 3 labels each budget with the ε the study trained at', () => {
    const at = (epsilon: number, tpr: number) => withConfig(study(0.8, 0.5, tpr), { dataset: { id: 'cifar100' }, method: { objective: { kind: 'pgd-at', epsilon } } });
    const data = new Map<string, StudyData | null>([
      ['PGD-AT ε/2', at(4 / 255, 0.1)],
      ['DeMem ε/2', at(4 / 255, 0.05)],
      ['PGD-AT ε', at(8 / 255, 0.1)],
      ['DeMem ε', at(8 / 255, 0.05)],
      ['PGD-AT 2ε', at(16 / 255, 0.1)],
      ['DeMem 2ε', null],
    ]);
    const { claims, tables } = dememFig3.build(data);
    expect(tables[0]!.rows.map((r) => r[0])).toEqual(['PGD-AT ε = 4/255', 'DeMem ε = 4/255', 'PGD-AT ε = 8/255', 'DeMem ε = 8/255', 'PGD-AT ε = 16/255', 'DeMem 2ε']);
    expect(claims[0]!.verdict).toBe('not run');
    expect(claims[0]!.evidence).toContain('ε = 4/255: TPR@0.1% −5.00');
  });

  it('DeMem Table 1 flags a vacuous ε', () => {
    const { claims, tables } = dememTable1.build(new Map([['pgd-at', study(0.8, 0.5, 0.1)], ['pgd-at+dp', study(0.5, 0.3, 0.02, { epsilon: 2.5e6, delta: 1e-5 })]]));
    expect(claims.map((c) => c.verdict)).toEqual(['supported', 'supported']);
    expect(tables[0]!.rows[1]![4]).toBe('vacuous (> 10^6)');
  });

  it('SAM Table 1 reads the best single-query attack', () => {
    const attacks = (accuracy: number) =>
      new Map([
        ['loss', { summary: { attackAccuracy: ms(accuracy) } }],
        ['entropy', { summary: { attackAccuracy: ms(accuracy - 0.05) } }],
        ['noise', { summary: { attackAccuracy: ms(accuracy - 0.02) } }],
      ]) as unknown as StudyData['attacks'];
    const { claims, tables } = samTable1.build(
      new Map([
        ['SGD', study(0.7, 0, 0.1, {}, attacks(0.6))],
        ['SAM', study(0.75, 0, 0.12, {}, attacks(0.65))],
        ['SharpReg', study(0.68, 0, 0.05, {}, attacks(0.55))],
      ]),
    );
    expect(claims.map((c) => c.verdict)).toEqual(['supported', 'supported']);
    expect(tables[0]!.rows[0]![2]).toBe('60.00 ± 1.00 (loss)');
    expect(tables[0]!.rows[0]![3]).toBe('58.00 ± 1.00');
  });

  it('SharpReg γ sweep judges each reading of the third term on its own', () => {
    const attacks = (accuracy: number) => new Map([['loss', { summary: { attackAccuracy: ms(accuracy) } }]]) as unknown as StudyData['attacks'];
    const data = new Map(
      sharpregGamma.roles.map((role, i) => {
        const gamma = Number(role.split('=')[1] ?? 0);
        // Confidence penalty: attack accuracy rises with γ; flooding: it falls, and so does test accuracy.
        const flooding = !role.startsWith('confidence');
        return [role, study(0.7 - (flooding ? gamma / 10 : gamma / 20), 0, 0.1, {}, attacks(i === 0 ? 0.8 : flooding ? 0.8 - gamma / 5 : 0.8 + gamma / 10))];
      }),
    );
    const { claims, tables } = sharpregGamma.build(data);
    expect(claims.map((c) => [c.claim.match(/third term: (.*)\)/)![1], c.verdict])).toEqual([
      ['flooding', 'supported'],
      ['confidence penalty', 'not supported'],
    ]);
    const gammas = [0.1, 0.3, 0.5, 0.7];
    expect(tables[0]!.rows.map((r) => r[0])).toEqual(['SGD', ...gammas.map((g) => `SharpReg(1.5, 0.01, ${g}), flooding`), ...gammas.map((g) => `SharpReg(1.5, 0.01, ${g}), confidence penalty`)]);
  });
});

describe('report rendering', () => {
  const report = {
    id: 'r',
    title: 'A <report> & more',
    paper: { title: 'P', authors: 'A', year: 2024, url: 'https://arxiv.org/abs/1' },
    scale: 'laptop' as const,
    scaleNote: 'small',
    missing: [],
    studies: [],
    tables: [{ title: 'T, with comma', columns: ['a', 'b'], rows: [['x "quoted"', 1.5], ['=SUM(A1)', null]] }],
    claims: [{ claim: 'c', source: 's', verdict: 'supported' as const, evidence: 'e' }],
    generatedAt: '2026-01-01T00:00:00Z',
  };

  it('escapes HTML and carries no script', () => {
    const html = reportHtml(report);
    expect(html).toContain('A &lt;report&gt; &amp; more');
    expect(html).not.toMatch(/<script/i);
  });

  it('writes RFC 4180 CSV with formula guards', () => {
    const csv = reportCsv(report);
    expect(csv.split('\r\n')).toEqual(['table,a,b', '"T, with comma","x ""quoted""",1.5', `"T, with comma",'=SUM(A1),`, 'claim,source,verdict,evidence', 'c,s,supported,e', '']);
  });
});
