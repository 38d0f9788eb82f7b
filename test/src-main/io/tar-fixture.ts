/**
 * Test helper: builds small POSIX ustar archives in memory (names under 100 bytes), so loader tests
 * can write real `.tar` / `.tgz` files without a `tar` binary.
 */
import zlib from 'node:zlib';

export interface TarFixtureEntry {
  name: string;
  /** Body; omit for a directory. */
  data?: Uint8Array | string;
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** A tar archive of the entries, ending with the two zero blocks. */
export function buildTar(entries: readonly TarFixtureEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const body = entry.data === undefined ? Buffer.alloc(0) : Buffer.from(entry.data);
    const header = Buffer.alloc(512);
    header.write(entry.name, 0, 100, 'utf8');
    header.write(octal(entry.data === undefined ? 0o755 : 0o644, 8), 100, 'latin1');
    header.write(octal(1000, 8), 108, 'latin1');
    header.write(octal(1000, 8), 116, 'latin1');
    header.write(octal(body.length, 12), 124, 'latin1');
    header.write(octal(1526428800, 12), 136, 'latin1');
    header.write('        ', 148, 'latin1');
    header.write(entry.data === undefined ? '5' : '0', 156, 'latin1');
    header.write('ustar\0' + '00', 257, 'latin1');
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
    blocks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** The same archive gzipped (a `.tgz`). */
export function buildTgz(entries: readonly TarFixtureEntry[]): Buffer {
  return zlib.gzipSync(buildTar(entries));
}

/** Archives made by GNU tar 1.34 (`--format=gnu` and `--format=pax`) holding texas/100/{feats,labels}
 * ("1,0,1\n0,1,1\n", "3\n7\n") and a file under a 64-character directory whose full path is 106 characters
 * long ("long name body"), so the GNU long-name and pax path records are exercised. */
export const GNU_TGZ_HEX =
  '1f8b0800000000000003edd7e16e82301007703efb143c8091b640fb750fe03b5caa9c42c6680675d33dfd0a2633b04c66b662d4fb25' +
  '5ab4288d7fae392dee7513055e3147a569373ac3b13be6b150522a21daf73993090fc2d4efb28e768dd5751806357ee873e78dcddf28db' +
  'e5cf19f3780f5c9e3fe794ff344ef96f50dbc6cb35da806592fc9c3f4f06f90b2e5dfecccb6a061e3c7f3e67733e730ff77cedb590e99d' +
  'eabfd42b2cbd6c00a3f5cfbed57f2c18d5ff14e299a2ba7f601adeb03e4069aa2d64458d6b6bdccb4abf20d85c5bd81a6cc054a0abac1d' +
  '36a686d75d611134bce74589bf691b2feeff44a204f57f9358448be869e9d25f16d5b3a76b8cedff3c8d7bf782ebff251341b8f4b49e9e' +
  'affc8db1e7ce1b9bbf517faeff7642c3c61d1e3fd57d135666b7cdc11ac0fd1a315bd8fd3dfe7877608afcc7ffffc9fefe1fc74a25d4ff' +
  '4da18d2b6c830b57263b5c7b35841042082184104208218490fff409a3efe35200280000';
export const PAX_TGZ_HEX =
  '1f8b0800000000000003edd9dd929a301806608fb90a2e6047f343927ab0e73dec1d64b2127f665cd2626cd9bb6fc476a458cb2a18b7c3' +
  'fbcc6854188913dfef139ccebe98eab335b92d77336f2bb39b0c8e0432cbea31688f84a86c423953522ac60eaf53ca059ba4d5f05339b7' +
  'df795386a9c438d607c4496afce6d53e533517199f4bc6a65c6561e0ea5312b62eceb64a41a422629e3c7aeed05f1df9d97d8f51475c88' +
  'cbf90f8fffcc7f18c42415f79dd6d1effc97cef97fedd7b5bdfde1fe13c7f56ff4003afcdc6fa8ff820ad4ff1850ffc7ed98ff10fa3bf6' +
  '801beabf40fd8fe3b4fe8d1eb0b4c60f781e707dfd67922ad4ff1850ffc7ed94ff8143dfd0997fdace7f38fd0ff53f4a26475effe91379' +
  'a249b885fb47cf05e2fb6bffdf9a17bb1dae16dcd0ff9540ff8f02fd7fdc4ef91f38f40d9df92767fd5fca0cfd3f069e28e478c4a6cdbe' +
  '6ff4775bbee9ad2b563adf9476e15d785a9857abfdda78bd7276a75da14d911f86a52bf5b7fdc65b6df48ff5666b2f1ce3eafecf42afc1' +
  'ff7f51dcd0ff15f9b5f5d17387fefa46fe3d978deb885f73fd97492671fd378adeebdf6c1f611fa397e1d5e31bd46f6a0bd755ff996cad' +
  '3f678c72d4ff182895e957e3d7cfbdbf0897567fbf5a6befb4ad16d6e6535ff9043de7e388b1ec9dbfffa86ce55ff08ce0fc2f86c372a5' +
  '87854b5f5cfef6e8d900000000000000000000000000000000000000c07bfc04cdddaea400500000';
