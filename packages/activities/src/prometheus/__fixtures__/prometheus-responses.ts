// Response bodies recorded from a real Prometheus 2.42.0 (Debian bookworm's `prometheus` package)
// scraping itself, with curl, on 2026-11-23. The tests serve them from a local HTTP server because
// Prometheus is not part of the project's toolchain (it is not installed on CI machines); the
// bodies, status codes and Content-Type are Prometheus' own, byte for byte.

/** GET /api/v1/query?query=up{job="prometheus"} -> 200 */
export const INSTANT_QUERY_BODY =
  '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"up","instance":"127.0.0.1:19099","job":"prometheus"},"value":[1795441892.224,"1"]}]}}';

/** GET /api/v1/query_range?query=up{job="prometheus"}&start=...&end=...&step=2 -> 200 */
export const RANGE_QUERY_BODY =
  '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up","instance":"127.0.0.1:19099","job":"prometheus"},"values":[[1795441886,"1"],[1795441888,"1"],[1795441890,"1"],[1795441892,"1"]]}]}}';

/** GET /api/v1/query?query=up{ -> 400 */
export const BAD_QUERY_BODY =
  '{"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": 1:4: parse error: unexpected end of input inside braces"}';
