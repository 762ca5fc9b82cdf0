# The three gates of the lessons' "Policy as Code" section, in Rego v1:
# no root user, no `latest` tag, a health check.
package docker.security

deny contains {"msg": "Container cannot run as root user", "path": "User"} if {
	input.User == "root"
}

deny contains {"msg": "Image must use specific version tags, not 'latest'", "path": "Image.tag"} if {
	input.Image.tag == "latest"
}

deny contains "Container must define a health check" if {
	input.Kind == "dockerfile"
	not input.HealthCheck
}
