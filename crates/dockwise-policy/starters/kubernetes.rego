# Kubernetes workloads: containers run as non-root and are never privileged.
package kubernetes.security

deny contains {"msg": sprintf("%s %s: container %s must set runAsNonRoot", [object.kind, object.name, container.name]), "path": sprintf("objects[%d].podSpec.containers[%d]", [i, j])} if {
	some i, object in input.objects
	some j, container in object.podSpec.containers
	not container.securityContext.runAsNonRoot
	not object.podSpec.securityContext.runAsNonRoot
}

deny contains {"msg": sprintf("%s %s: container %s must not be privileged", [object.kind, object.name, container.name]), "path": sprintf("objects[%d].podSpec.containers[%d].securityContext.privileged", [i, j])} if {
	some i, object in input.objects
	some j, container in object.podSpec.containers
	container.securityContext.privileged == true
}
