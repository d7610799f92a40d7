/**
 * `${NAME}` and `${NAME:-default}` in config strings are read from the environment, so secrets stay
 * out of the file. `$${` writes a literal `${`.
 */
export function interpolateEnv(
  text: string,
  env: NodeJS.ProcessEnv,
): { value: string; missing: string[] } {
  const missing: string[] = [];
  const value = text.replace(
    /\$(\$)?\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g,
    (whole, escaped: string | undefined, name: string, fallback: string | undefined) => {
      if (escaped) return whole.slice(1);
      const v = env[name];
      if (v !== undefined && v !== '') return v;
      if (fallback !== undefined) return fallback;
      missing.push(name);
      return '';
    },
  );
  return { value, missing };
}

/** Names of the variables a string refers to; the logger redacts their values. */
export function referencedEnvNames(text: string): string[] {
  return [...text.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
}
