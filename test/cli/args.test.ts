import { describe, expect, it } from 'vitest'
import { parseArgs } from '../../cli/args'
import { UsageError } from '../../cli/io'

const parsed = (args: string[]) => {
  const { positional, options } = parseArgs(args, ['--host', '--format', '-o'], ['--json', '--why'])
  return { positional, options: Object.fromEntries(options) }
}

describe('parseArgs', () => {
  it('takes a value after the option, after =, or joined to a short option', () => {
    expect(parsed(['lab.yaml', '--host', 'bastion', '--format=bird', '-o', 'out.conf'])).toEqual({ positional: ['lab.yaml'], options: { '--host': 'bastion', '--format': 'bird', '-o': 'out.conf' } })
    expect(parsed(['--host=worker1', '-oout.yaml', 'lab.yaml'])).toEqual({ positional: ['lab.yaml'], options: { '--host': 'worker1', '-o': 'out.yaml' } })
  })

  it('keeps what follows = whole, and - as a value or a positional', () => {
    expect(parsed(['--host=a=b', '-o', '-', '-'])).toEqual({ positional: ['-'], options: { '--host': 'a=b', '-o': '-' } })
  })

  it('sets flags, the last of a repeated option wins', () => {
    expect(parsed(['x', '--json', '--why', '--host', 'a', '--host=b'])).toEqual({ positional: ['x'], options: { '--json': true, '--why': true, '--host': 'b' } })
  })

  it('ends the options at --: what follows is positional even with a dash', () => {
    expect(parsed(['x', '--', '--json', '-o'])).toEqual({ positional: ['x', '--json', '-o'], options: {} })
  })

  it('refuses an unknown option, in either form, and an option spelt otherwise than the command offers it', () => {
    expect(() => parsed(['x', '--bogus'])).toThrow(new UsageError('unknown option --bogus'))
    expect(() => parsed(['x', '--bogus=1'])).toThrow(new UsageError('unknown option --bogus'))
    expect(() => parsed(['x', '-Z'])).toThrow(new UsageError('unknown option -Z'))
    expect(() => parsed(['x', '--o=file'])).toThrow(new UsageError('unknown option --o'))
    expect(() => parsed(['x', '-host', 'a'])).toThrow(UsageError)
  })

  it('refuses an option without its value, at the end or empty after =', () => {
    expect(() => parsed(['x', '--host'])).toThrow(new UsageError('--host needs a value'))
    expect(() => parsed(['x', '-o'])).toThrow(new UsageError('-o needs a value'))
    expect(() => parsed(['x', '--format='])).toThrow(new UsageError('--format needs a value'))
  })

  it('refuses a value given to a flag', () => {
    expect(() => parsed(['x', '--json=yes'])).toThrow(new UsageError('--json takes no value'))
  })
})
