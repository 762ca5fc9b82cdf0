# Images say where their source is, and their base is pinned by digest
# (a warning: a tag alone can move).
package docker.supply_chain

warn contains {"msg": "Label org.opencontainers.image.source so the image can be traced to its source", "path": "Labels"} if {
	input.Kind == "dockerfile"
	not input.Labels["org.opencontainers.image.source"]
}

warn contains {"msg": sprintf("Pin the base image %s by digest", [input.Image.ref]), "path": "Image"} if {
	input.Kind == "dockerfile"
	input.Image.name != "scratch"
	not input.Image.digest
}
