package simian.kubernetes.images_test

import data.simian.kubernetes.images.violations
import data.simian.lib.testing as t

with_image(image) := t.deployment("web", 2, {"containers": [object.union(t.container, {"image": image})]})

test_img_001_latest_tag_fails if {
	r := with_image("nginx:latest")
	"K8S-IMG-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_img_001_no_tag_fails if {
	r := with_image("registry.example.com:5000/shop/web")
	some v in violations with input as {"resources": [r]}
	v.rule == "K8S-IMG-001"
	contains(v.message, "has no tag")
}

test_img_001_init_container_latest_fails if {
	spec := object.union(t.pod_spec, {"initContainers": [{"name": "migrate", "image": "migrate:latest"}]})
	r := t.deployment("web", 2, spec)
	"K8S-IMG-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_img_001_version_tag_passes if {
	r := with_image("registry.example.com:5000/shop/web:1.4.2")
	not "K8S-IMG-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}

test_img_001_digest_passes if {
	r := with_image("nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31")
	not "K8S-IMG-001" in t.fired(violations, r.ref) with input as {"resources": [r]}
}
