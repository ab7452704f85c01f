import { describe, expect, it } from 'vitest'
import { parseGoDuration } from '../../../shared/validate/checks/calicoValues'

/** How metav1.Duration reads maxRestartTime and nodeMeshMaxRestartTime: Go's time.ParseDuration (src/time/format.go). */
describe("Go's time.ParseDuration", () => {
  it.each([
    ['120s', 120e9],
    ['1m30s', 90e9],
    ['1.5h', 5400e9],
    ['.5s', 0.5e9],
    ['-5s', -5e9],
    ['+0', 0],
    ['0', 0],
    ['300ms', 300e6],
    ['2µs', 2000],
  ])('reads %s', (text, nanoseconds) => {
    expect(parseGoDuration(text)).toEqual({ ok: true, nanoseconds })
  })

  it.each([
    ['', 'time: invalid duration ""'],
    ['abc', 'time: invalid duration "abc"'],
    ['.s', 'time: invalid duration ".s"'],
    ['-', 'time: invalid duration "-"'],
    ['5', 'time: missing unit in duration "5"'],
    ['1 s', 'time: unknown unit " s" in duration "1 s"'],
    ['1S', 'time: unknown unit "S" in duration "1S"'],
    ['3d', 'time: unknown unit "d" in duration "3d"'],
    ['9999999999999999999h', 'time: invalid duration "9999999999999999999h"'],
    ['3000000h', 'time: invalid duration "3000000h"'],
    ['1é', 'time: unknown unit "\\xc3\\xa9" in duration "1\\xc3\\xa9"'],
  ])('refuses %j as Go does', (text, message) => {
    expect(parseGoDuration(text)).toEqual({ ok: false, message })
  })
})
