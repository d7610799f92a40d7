import type { Command, Option } from 'commander';
import { oneOf } from '../args.js';
import { formatsOf } from '../output.js';

const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

/** One command of the tree, as completion needs it. */
interface Node {
  /** `sandbox/up`; '' for `simian` itself. */
  path: string;
  command: Command;
  commands: Command[];
  options: Option[];
  /** Values of options that take one of a few: `--fail-on`, `-o`. */
  values: Map<string, string[]>;
}

async function nodesOf(root: Command): Promise<Node[]> {
  const out: Node[] = [];
  const walk = async (command: Command, path: string, inherited: Option[]) => {
    const own = command.options as Option[];
    const options = [...own, ...inherited];
    const values = new Map<string, string[]>();
    for (const o of options) {
      if (o.argChoices) for (const flag of flagsOf(o)) values.set(flag, o.argChoices);
    }
    const formats = await formatsOf(command);
    if (formats.length > 0) {
      values.set('-o', formats);
      values.set('--output', formats);
    }
    out.push({ path, command, commands: command.commands as Command[], options, values });
    for (const sub of command.commands as Command[]) {
      if (sub.name() === 'help') continue;
      await walk(
        sub,
        path ? `${path}/${sub.name()}` : sub.name(),
        inherited.concat(path ? [] : own),
      );
    }
  };
  await walk(root, '', []);
  return out;
}

const flagsOf = (o: Option): string[] => [o.short, o.long].filter((f): f is string => !!f);
const takesValue = (o: Option) => o.required || o.optional;
const words = (xs: string[]) => xs.join(' ');
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function bash(nodes: Node[]): string {
  const wordsCase = nodes
    .map((n) => {
      const cmds = n.commands.map((c) => c.name());
      const opts = n.options.flatMap(flagsOf).concat(['--help']);
      return `    ${quote(n.path)}) cmds=${quote(words(cmds))}; opts=${quote(words(opts))} ;;`;
    })
    .join('\n');
  const valueCase = nodes
    .flatMap((n) =>
      [...n.values].map(
        ([flag, values]) => `    ${quote(`${n.path}:${flag}`)}) words=${quote(words(values))} ;;`,
      ),
    )
    .join('\n');
  const fileFlags = [
    ...new Set(nodes.flatMap((n) => n.options.filter(takesValue).flatMap(flagsOf))),
  ].filter((f) => !nodes.some((n) => n.values.has(f) && !['-o', '--output'].includes(f)));
  return `# simian completion for bash: source <(simian completion bash)
_simian_words() {
  case "$1" in
${wordsCase}
    *) cmds=''; opts='--help' ;;
  esac
}
_simian_values() {
  local words
  case "$1:$2" in
${valueCase}
    *) words='' ;;
  esac
  if [[ -n "$words" ]]; then COMPREPLY=($(compgen -W "$words" -- "$3")); return 0; fi
  case "$2" in
    ${fileFlags.join('|') || '--'}) COMPREPLY=($(compgen -f -- "$3")); return 0 ;;
  esac
  return 1
}
_simian() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" path='' i w cmds opts
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    _simian_words "$path"
    if [[ " $cmds " == *" $w "* ]]; then path="\${path:+$path/}$w"; fi
  done
  _simian_values "$path" "$prev" "$cur" && return 0
  _simian_words "$path"
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  elif [[ -n "$cmds" ]]; then
    COMPREPLY=($(compgen -W "$cmds" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o default -F _simian simian
`;
}

function zsh(nodes: Node[]): string {
  // zsh runs bash completion functions through bashcompinit: one script to keep right.
  return `#compdef simian
# simian completion for zsh: source <(simian completion zsh)
autoload -U +X bashcompinit && bashcompinit
${bash(nodes)}`;
}

function fish(nodes: Node[]): string {
  const lines = [
    '# simian completion for fish: simian completion fish | source',
    'complete -c simian -f',
  ];
  const byPath = new Map(nodes.map((n) => [n.path, n]));
  for (const n of nodes) {
    const parts = n.path ? n.path.split('/') : [];
    // In `simian sandbox up`: sandbox seen, none of sandbox's subcommands seen yet.
    const seen = parts.map((p) => `__fish_seen_subcommand_from ${p}`);
    const here = n.commands.map((c) => c.name());
    const condition = (extra: string[]) =>
      [...(parts.length ? seen : ['__fish_use_subcommand']), ...extra].join('; and ');
    const notDeeper = here.length ? [`not __fish_seen_subcommand_from ${words(here)}`] : [];
    for (const c of n.commands) {
      if (c.name() === 'help') continue;
      const cond = parts.length ? condition(notDeeper) : '__fish_use_subcommand';
      lines.push(
        `complete -c simian -n ${quote(cond)} -a ${c.name()} -d ${quote(c.description())}`,
      );
    }
    for (const o of n.command.options as Option[]) {
      const flags = [o.short ? `-s ${o.short.slice(1)}` : '', o.long ? `-l ${o.long.slice(2)}` : '']
        .filter(Boolean)
        .join(' ');
      const values = n.values.get(o.long ?? '') ?? n.values.get(o.short ?? '');
      const arg = values ? ` -xa ${quote(words(values))}` : takesValue(o) ? ' -r -F' : '';
      const cond = parts.length ? ` -n ${quote(seen.join('; and '))}` : '';
      lines.push(`complete -c simian${cond} ${flags}${arg} -d ${quote(o.description)}`);
    }
    const formats = n.values.get('-o');
    if (formats && n.path && byPath.has(n.path))
      lines.push(
        `complete -c simian -n ${quote(seen.join('; and '))} -s o -l output -xa ${quote(words(formats))}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

export function registerCompletion(program: Command): void {
  program
    .command('completion')
    .argument('<shell>', `the shell: ${SHELLS.join(', ')}`, oneOf(SHELLS))
    .description('Print the completion script of a shell: commands, flags and their values.')
    .addHelpText(
      'after',
      '\nExamples:\n  source <(simian completion bash)            # in ~/.bashrc\n  source <(simian completion zsh)             # in ~/.zshrc\n  simian completion fish > ~/.config/fish/completions/simian.fish',
    )
    .action(async (shell: Shell) => {
      const nodes = await nodesOf(program);
      process.stdout.write(
        shell === 'bash' ? bash(nodes) : shell === 'zsh' ? zsh(nodes) : fish(nodes),
      );
    });
}
