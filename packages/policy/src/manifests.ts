import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  SimianError,
  bracketDepth,
  inputLimits,
  nestingDepth,
  readInputFile,
  readInputStream,
  whyUnreadable,
  type Resource,
} from '@simian/core';
import { type Document, LineCounter, type Node, isMap, isSeq, parseAllDocuments } from 'yaml';
import { ManifestError } from './errors.js';
import { splitYamlDocuments } from './yaml-documents.js';
import { fastLoad } from './yaml-fast-load.js';

/** A Kubernetes object read from a manifest, with the file and line of its document. */
export interface ManifestResource extends Resource {
  source: { file: string; line: number };
}

/** A document that was not a Kubernetes object (values.yaml, an empty `---`, ...). */
export interface SkippedDocument {
  file: string;
  line: number;
  reason: string;
}

/** Options of {@link loadManifests}. */
export interface LoadManifestsOptions {
  /** What `-` reads. @default process.stdin */
  stdin?: string | AsyncIterable<string | Uint8Array>;
  /** Called for each document that is not a Kubernetes object. */
  onSkip?: (skipped: SkippedDocument) => void;
  /** Called after each file is read, with the files read so far and the resources found. */
  onFileRead?: (filesRead: number, resources: number) => void;
}

const MANIFEST_EXTENSIONS = /\.(ya?ml|json)$/i;

/** Kinds without a namespace; everything else without `metadata.namespace` lands in `default`. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'CertificateSigningRequest',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'ComponentStatus',
]);

/**
 * Reads Kubernetes manifests the way `kubectl apply -f` and conftest do: files with many YAML
 * documents, JSON files, directories (recursively, `.yaml`/`.yml`/`.json`, in name order), `-` for
 * stdin, and the output of `helm template` or `kustomize build`. `List` kinds are expanded. Each
 * object becomes a `Resource` with ref `manifest:<file>/<namespace>/<Kind>/<name>` (`_` for
 * cluster-scoped kinds). Bad YAML throws a `ManifestError` naming the file and line.
 */
export async function loadManifests(
  paths: readonly string[],
  options: LoadManifestsOptions = {},
): Promise<ManifestResource[]> {
  const out: ManifestResource[] = [];
  let filesRead = 0;
  for (const path of paths) {
    if (path === '-') {
      append(out, parseManifests(await readStdin(options.stdin), 'stdin', options.onSkip));
      options.onFileRead?.(++filesRead, out.length);
      continue;
    }
    for (const file of await expand(path)) {
      let text: string;
      try {
        text = readInputFile(file, { what: 'manifest' });
      } catch (cause) {
        const known = cause instanceof SimianError;
        const why = known ? cause.message.slice(`manifest ${file}: `.length) : whyUnreadable(cause);
        throw new ManifestError(
          file,
          why,
          {},
          {
            cause,
            ...(known && cause.hint ? { hint: cause.hint } : {}),
          },
        );
      }
      append(out, parseManifests(text, file, options.onSkip));
      options.onFileRead?.(++filesRead, out.length);
    }
  }
  return out;
}

/** Parses the text of one manifest file into resources (see {@link loadManifests}). */
export function parseManifests(
  text: string,
  file: string,
  onSkip?: (skipped: SkippedDocument) => void,
): ManifestResource[] {
  const out: ManifestResource[] = [];
  const add = (object: unknown, line: number) => {
    const resource = toResource(object, file, line);
    if (typeof resource === 'string') onSkip?.({ file, line, reason: resource });
    else out.push(resource);
  };
  // Manifests nest deeper than config (a CRD's schema), so they get four times the bound.
  const maxDepth = inputLimits().maxDepth * 4;
  const tooDeep = (line: number) =>
    new ManifestError(file, `nested more than ${maxDepth} levels deep`, { line });
  for (const doc of splitYamlDocuments(text)) {
    if (bracketDepth(doc.text, maxDepth) > maxDepth) throw tooDeep(doc.contentLine);
    const fast = fastLoad(doc.text);
    if (fast && nestingDepth(fast.value, maxDepth) > maxDepth) throw tooDeep(doc.contentLine);
    if (fast && !Array.isArray(fast.value) && !isListKind(fast.value)) {
      if (fast.value !== null && fast.value !== undefined) add(fast.value, doc.contentLine);
      continue;
    }
    // Lists (whose items need their own lines), aliases, tags and errors take the full parser.
    let items: Array<{ object: unknown; line: number }>;
    try {
      items = parseWithPositions(doc.text, file, doc.startLine - 1);
    } catch (e) {
      if (e instanceof RangeError) throw tooDeep(doc.contentLine);
      throw e;
    }
    for (const item of items) {
      if (nestingDepth(item.object, maxDepth) > maxDepth) throw tooDeep(item.line);
      add(item.object, item.line);
    }
  }
  return out;
}

/** The `yaml` package's parse of `text`, with lines counted from `lineOffset`. */
function parseWithPositions(
  text: string,
  file: string,
  lineOffset: number,
): Array<{ object: unknown; line: number }> {
  const counter = new LineCounter();
  const lineAt = (offset: number) => counter.linePos(offset).line + lineOffset;
  const docs = parseAllDocuments(text, {
    lineCounter: counter,
    uniqueKeys: false,
    logLevel: 'error',
  });
  const out: Array<{ object: unknown; line: number }> = [];
  for (const doc of Array.isArray(docs) ? docs : []) {
    const error = doc.errors[0];
    if (error) {
      const pos = error.linePos?.[0] ?? counter.linePos(error.pos[0]);
      throw new ManifestError(file, firstLine(error.message), {
        line: pos.line + lineOffset,
        column: pos.col,
      });
    }
    const line = lineOf(doc.contents, lineAt) ?? lineAt(doc.range[0]);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (cause) {
      if (cause instanceof RangeError) throw cause;
      const message = /alias/i.test((cause as Error).message)
        ? 'its YAML aliases (*name) expand to more than 1000 copies; a document that multiplies itself like this is refused'
        : (cause as Error).message;
      throw new ManifestError(file, message, { line }, { cause });
    }
    if (value === null || value === undefined) continue;
    append(out, expandLists(value, doc, line, lineAt));
  }
  return out;
}

/** `kind: List` (or `DeploymentList`, or a JSON array) becomes its items, each with its own line. */
function expandLists(
  value: unknown,
  doc: Document,
  line: number,
  lineAt: (offset: number) => number,
): Array<{ object: unknown; line: number }> {
  const itemsNode = isMap(doc.contents) ? doc.contents.get('items', true) : doc.contents;
  const items = Array.isArray(value)
    ? value
    : isListKind(value)
      ? ((value as { items?: unknown[] }).items ?? [])
      : undefined;
  if (!items) return [{ object: value, line }];
  return items.map((object, i) => ({
    object,
    line: (isSeq(itemsNode) ? lineOf(itemsNode.items[i] as Node, lineAt) : undefined) ?? line,
  }));
}

function isListKind(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { kind?: unknown; items?: unknown };
  return typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items);
}

function toResource(object: unknown, file: string, line: number): ManifestResource | string {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) {
    return 'not an object';
  }
  const o = object as { apiVersion?: unknown; kind?: unknown; metadata?: Record<string, unknown> };
  if (typeof o.kind !== 'string' || typeof o.apiVersion !== 'string') {
    return 'no apiVersion and kind: not a Kubernetes object';
  }
  const metadata = o.metadata ?? {};
  const name = String(metadata['name'] ?? metadata['generateName'] ?? '<unnamed>');
  const namespace =
    typeof metadata['namespace'] === 'string'
      ? metadata['namespace']
      : CLUSTER_SCOPED.has(o.kind)
        ? undefined
        : 'default';
  const resource: ManifestResource = {
    ref: `manifest:${file}/${namespace ?? '_'}/${o.kind}/${name}`,
    provider: 'kubernetes',
    kind: o.kind,
    name,
    labels: stringRecord(metadata['labels']),
    annotations: stringRecord(metadata['annotations']),
    raw: object,
    source: { file, line },
  };
  if (namespace !== undefined) resource.namespace = namespace;
  return resource;
}

/** Labels and annotations as strings, as the API server would have rejected anything else. */
function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = String(v);
  return out;
}

function lineOf(
  node: Node | null | undefined,
  lineAt: (offset: number) => number,
): number | undefined {
  const offset = node?.range?.[0];
  return offset === undefined ? undefined : lineAt(offset);
}

/** yaml's first message line, without its own "at line L, column C:" (the error names the position). */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/** Pushes one by one: a spread of a large array overflows the call stack. */
function append<T>(to: T[], items: readonly T[]): void {
  for (const item of items) to.push(item);
}

async function expand(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch (cause) {
    throw new ManifestError(path, whyUnreadable(cause), {}, { cause });
  }
  if (!info.isDirectory()) return [path];
  const files: string[] = [];
  let entries;
  try {
    entries = await readdir(path, { withFileTypes: true });
  } catch (cause) {
    throw new ManifestError(
      path,
      `a directory whose entries cannot be listed: ${whyUnreadable(cause)}`,
      {},
      { cause },
    );
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(path, entry.name);
    if (entry.isDirectory()) append(files, await expand(full));
    else if (entry.isFile() && MANIFEST_EXTENSIONS.test(entry.name)) files.push(full);
  }
  return files;
}

async function readStdin(stdin: LoadManifestsOptions['stdin']): Promise<string> {
  if (typeof stdin === 'string') return stdin;
  return readInputStream(stdin ?? process.stdin, { what: 'stdin' });
}
