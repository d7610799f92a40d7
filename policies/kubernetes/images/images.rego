# METADATA
# title: Images
# description: Images that name one build, so that a rollback, a rescheduled pod and a new replica all run the same code.
package simian.kubernetes.images

import data.simian.lib.kubernetes as k8s

# METADATA
# title: Image with the latest tag or no tag
# description: |
#   A container image uses the `latest` tag or no tag at all (which means `latest`). Two pods of
#   one workload may then run different code, and rolling back redeploys the same moving tag.
#   Images pinned by digest pass.
# custom:
#   id: K8S-IMG-001
#   severity: medium
#   provider: kubernetes
#   remediation: Use an immutable tag (a version or a commit) or pin the image by digest (image@sha256:...).
#   frameworks: ["polaris:tagNotSpecified"]
#   enforceable: false
violations contains v if {
	some r in input.resources
	k8s.is_workload(r)
	some c in k8s.all_containers(r)
	problem := image_problem(c.image)
	v := {
		"rule": rego.metadata.rule().custom.id,
		"ref": r.ref,
		"message": sprintf("container %s of %s %s uses image %s, which %s", [c.name, r.kind, r.name, c.image, problem]),
		"evidence": {"container": c.name, "image": c.image},
	}
}

image_problem(image) := "has no tag (so it means latest)" if {
	not contains(image, "@")
	tag(image) == ""
} else := "uses the latest tag" if {
	not contains(image, "@")
	tag(image) == "latest"
}

# The tag is whatever follows a colon in the last path segment: registry ports (host:5000/app)
# sit in an earlier segment.
tag(image) := t if {
	segments := split(image, "/")
	last := segments[count(segments) - 1]
	parts := split(last, ":")
	count(parts) > 1
	t := parts[count(parts) - 1]
} else := ""
