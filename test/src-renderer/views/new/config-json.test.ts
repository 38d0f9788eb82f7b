import { describe, expect, it } from 'vitest';
import { configFilename, configJson, readConfigsJson } from '../../../../src-renderer/views/new/config-json';

describe('config JSON', () => {
  it('reads one config, a list, or a preset-like object', () => {
    expect(readConfigsJson('{"name":"a"}')).toEqual([{ name: 'a' }]);
    expect(readConfigsJson('[{"name":"a"},{"name":"b"}]')).toEqual([{ name: 'a' }, { name: 'b' }]);
    expect(readConfigsJson('{"id":"quick","studies":[{"name":"a"}]}')).toEqual([{ name: 'a' }]);
  });

  it('names what is wrong', () => {
    expect(() => readConfigsJson('{nope', 'cfg.json')).toThrow(/^cfg\.json is not valid JSON: /);
    expect(() => readConfigsJson('[]', 'cfg.json')).toThrow('cfg.json holds no study configs');
    expect(() => readConfigsJson('[{"name":"a"}, 3]', 'cfg.json')).toThrow('cfg.json: study 2 is not a JSON object (got number)');
    expect(() => readConfigsJson('[[1]]')).toThrow('the file: study 1 is not a JSON object (got an array)');
  });

  it('writes indented JSON that reads back, under a file name from the study name', () => {
    const config = { name: 'PGD-AT + DeMem (λ=0.2)', training: { epochs: 1 } };
    expect(readConfigsJson(configJson(config))).toEqual([config]);
    expect(configJson(config)).toContain('\n  "training": {');
    expect(configFilename(config)).toBe('pgd-at-demem-0-2.json');
    expect(configFilename({})).toBe('study.json');
  });
});
