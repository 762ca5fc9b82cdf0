# Policies over the stages and their instructions (the `Stages` of the
# input document), written as people write them for conftest: iteration,
# string built-ins, counting.
package docker.instructions

import rego.v1

deny contains msg if {
	some stage in input.Stages
	some ins in stage.Instructions
	ins.Cmd == "run"
	some value in ins.Value
	contains(value, "apt-get install")
	not contains(value, "--no-install-recommends")
	msg := sprintf("stage %d, line %d: apt-get install without --no-install-recommends", [stage.Index, ins.Line])
}

deny contains msg if {
	some stage in input.Stages
	some ins in stage.Instructions
	ins.Cmd == "add"
	some value in ins.Value
	startswith(value, "http")
	msg := sprintf("line %d: ADD fetches %s; use curl with a checksum", [ins.Line, value])
}

warn contains msg if {
	count(input.Stages) > 3
	msg := sprintf("%d stages", [count(input.Stages)])
}

warn_sudo contains msg if {
	some stage in input.Stages
	some ins in stage.Instructions
	ins.Cmd == "run"
	some value in ins.Value
	regex_free_sudo(value)
	msg := sprintf("line %d: sudo in RUN", [ins.Line])
}

regex_free_sudo(s) if startswith(s, "sudo ")

regex_free_sudo(s) if contains(s, " sudo ")

violation contains {"msg": sprintf("port %s exposed", [port]), "path": sprintf("ExposedPorts.%s", [port])} if {
	some port, _ in input.ExposedPorts
	startswith(port, "22/")
}

deny_env_secret contains {"msg": sprintf("ENV %s looks like a secret", [name]), "path": ["Env", name]} if {
	some name, _ in input.Env
	l := lower(name)
	some word in ["password", "secret", "token"]
	contains(l, word)
}
