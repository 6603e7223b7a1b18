/** Pretty-printed JSON in a scrollable block (records, bodies, raw module reports). */
export function JsonView({ value, testId, maxHeight }: { value: unknown; testId?: string; maxHeight?: number }) {
  return (
    <pre className="json" data-testid={testId} style={maxHeight ? { maxHeight } : undefined}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
