# Compose services and Kubernetes containers: images pinned, resources set.
package yaml.images

import rego.v1

# (the finding is built in the body: regorus 0.14.1 fails with "not an
# object" when an object head is undefined for one binding, as it is here
# for a service without `image`)
deny contains finding if {
	input.Kind == "compose"
	some name, s in input.services
	not contains(s.image, ":")
	finding := {"msg": sprintf("service %s: image %s has no tag", [name, s.image]), "path": sprintf("services.%s.image", [name])}
}

warn contains msg if {
	input.Kind == "compose"
	some name, s in input.services
	not s.healthcheck
	msg := sprintf("service %s has no healthcheck", [name])
}

warn contains msg if {
	input.Kind == "kubernetes"
	some object in input.objects
	some c in object.podSpec.containers
	not c.resources.limits.memory
	msg := sprintf("%s/%s: container %s has no memory limit", [object.kind, object.name, c.name])
}

deny contains msg if {
	input.Kind == "kubernetes"
	some object in input.objects
	some c in object.podSpec.containers
	endswith(c.image, ":latest")
	msg := sprintf("%s/%s: container %s uses latest", [object.kind, object.name, c.name])
}
