import { describe, expect, it } from 'vitest'
import { asciiTable, wrapWords } from '../../../shared/views/asciiTable'
import { formatG5, formatRoundHalfEven } from '../../../shared/views/goFormat'
import { humanDuration } from '../../../shared/views/humanDuration'
import { CALICOCTL_TABWRITER, KUBECTL_TABWRITER, tabwrite } from '../../../shared/views/tabwriter'

// Number formats of calico.md §3.3 (Go %.5g and %.f), table rules of §3.1.
describe('Go number formats', () => {
  it.each([
    [0, '0'],
    [256, '256'],
    [65536, '65536'],
    [99999, '99999'],
    [131072, '1.3107e+05'],
    [2 ** 24, '1.6777e+07'],
    [2n ** 64n, '1.8447e+19'],
    [100000, '1e+05'],
  ])('%%.5g of %s is %s', (value, text) => {
    expect(formatG5(value)).toBe(text)
  })

  it.each([
    [0.5, '0'],
    [1.5, '2'],
    [12.5, '12'],
    [37.5, '38'],
    [62.5, '62'],
    [87.5, '88'],
    [3.515625, '4'],
    [96.484375, '96'],
    [0.390625, '0'],
    [99.609375, '100'],
  ])('%%.f of %s is %s (ties to even)', (value, text) => {
    expect(formatRoundHalfEven(value)).toBe(text)
  })
})

describe('tables', () => {
  it('pads every calicoctl cell, the last one too, to max(5, width + 3)', () => {
    expect(
      tabwrite(
        [
          ['NAME', 'ASN'],
          ['a', '64512'],
        ],
        CALICOCTL_TABWRITER,
      ),
    ).toBe('NAME   ASN     \na      64512   \n')
  })

  it('leaves kubectl’s last cell as it is and keeps a 6-column minimum', () => {
    expect(
      tabwrite(
        [
          ['AGE', 'IP'],
          ['1d', '10.0.0.1'],
        ],
        KUBECTL_TABWRITER,
      ),
    ).toBe('AGE   IP\n1d    10.0.0.1\n')
  })

  it('centres headers, right-aligns plain numbers and left-aligns the rest', () => {
    expect(
      asciiTable(
        ['Grouping', 'Ips total', 'Ips in use'],
        [
          ['Block', '8', '1 (12%)'],
          ['x', '-1,234.5', '0'],
        ],
      ),
    ).toBe(
      [
        '+----------+-----------+------------+',
        '| GROUPING | IPS TOTAL | IPS IN USE |',
        '+----------+-----------+------------+',
        '| Block    |         8 | 1 (12%)    |',
        '| x        |  -1,234.5 |          0 |',
        '+----------+-----------+------------+',
        '',
      ].join('\n'),
    )
  })
})

describe('tablewriter word wrap', () => {
  it('minimises raggedness instead of filling greedily; the last line is free', () => {
    // Greedy would give "aaa bb" / "cc" / "ddddd" (gaps 0 and 4, cost 16); this costs 9 + 1.
    expect(wrapWords('aaa bb cc ddddd', 6)).toEqual(['aaa', 'bb cc', 'ddddd'])
    expect(wrapWords('Active Socket: Connection refused')).toEqual(['Active Socket: Connection', 'refused'])
    expect(wrapWords('short')).toEqual(['short'])
    expect(wrapWords('averyveryverylongwordthatexceedsthelimit ok', 10)).toEqual(['averyveryverylongwordthatexceedsthelimit', 'ok'])
  })
})

describe("kubectl's AGE", () => {
  it.each([
    [0, '0s'],
    [-1500, '0s'],
    [-3000, '<invalid>'],
    [119_000, '119s'],
    [120_000, '2m'],
    [150_000, '2m30s'],
    [600_000, '10m'],
    [179 * 60_000, '179m'],
    [3 * 3_600_000, '3h'],
    [3 * 3_600_000 + 5 * 60_000, '3h5m'],
    [30 * 3_600_000, '30h'],
    [50 * 3_600_000, '2d2h'],
    [10 * 86_400_000, '10d'],
    [800 * 86_400_000, '2y70d'],
    [3000 * 86_400_000, '8y'],
  ])('%s ms is %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text)
  })
})
