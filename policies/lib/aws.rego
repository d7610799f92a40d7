# METADATA
# title: AWS helpers
# description: |
#   What the AWS rules share. `raw` is the AWS SDK v3 response shape (PascalCase); `labels` holds
#   the resource's tags as a flat object.
package simian.lib.aws

# Instances that are gone or going stop mattering.
live_instance(r) if {
	r.provider == "aws"
	r.kind == "Instance"
	not r.raw.State.Name in {"shutting-down", "terminated"}
}

# A tag's value, from the flat labels or from the raw `Tags: [{Key, Value}]` list.
tag(r, key) := r.labels[key]

tag(r, key) := value if {
	not r.labels[key]
	some t in object.get(r.raw, "Tags", [])
	t.Key == key
	value := t.Value
}

# Tag keys in lower case, for case-insensitive comparisons (`Owner` and `owner` are one tag).
lower_tag_keys(r) := {lower(k) | some k, v in object.get(r, "labels", {}); v != ""} | {lower(t.Key) |
	some t in object.get(r.raw, "Tags", [])
	t.Value != ""
}
