# Compose services: not privileged, no host network.
package compose.security

deny contains {"msg": sprintf("Service %s must not run privileged", [name]), "path": sprintf("services.%s.privileged", [name])} if {
	some name, service in input.services
	service.privileged == true
}

deny contains {"msg": sprintf("Service %s must not share the host's network", [name]), "path": sprintf("services.%s.network_mode", [name])} if {
	some name, service in input.services
	service.network_mode == "host"
}
