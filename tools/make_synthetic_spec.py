#!/usr/bin/env python3
"""Writes synthetic spec files shaped like the real Huawei Cloud services, for measuring the
cost of generating and compiling bindings at the scale of a full service set.

    tools/make_synthetic_spec.py --out DIR [--operations 550] [--models 1000]
                                 [--services 3] [--seed 1]

writes DIR/synthetic_1.yaml ... DIR/synthetic_<services>.yaml: services `synthetic_1`, ...,
which together hold `--operations` operations and about `--models` models (the count is
exact unless the operations alone need more). The same arguments always write the same bytes
(Python standard library only; a seeded `random.Random`).

What the specs hold, in proportions read from the real COC, HSS and SWR operations
(/work/shared/real-operations/README.md): models nested several levels deep, arrays of
scalars and of models, maps, arrays of arrays, models holding arrays of themselves, string and
integer enumerations, optional and required fields with constraints; about half the operations
list or show (GET), a third send a JSON body (POST, PUT), a quarter answer with no body, some
answer with a JSON array, some with response headers, and list operations page by offset or
by marker. Models come in small families, one a resource, that refer to a few shared models
and to no other family, so that one operation reaches about as many models as a real one does
(which is what a program that uses one operation pays for). Descriptions are filler text of
realistic length. The specs describe no real API.
"""

import argparse
import os
import random
import sys

WORDS = """
alarm application asset backup baseline bucket certificate cluster component config container
credential dashboard database deployment device disk domain endpoint event export file firewall
flavor gateway group host image incident instance job key label listener log metric namespace
network node notification order plugin policy port process project quota record region report
repository resource role route rule runbook schedule script secret server service session
snapshot stack subnet tag task template ticket topic trigger user vault version volume warroom
webhook workflow zone
""".split()
QUALIFIERS = """
basic detail summary info spec status config item entry record option setting result stat
source target history binding member filter rule limit usage
""".split()
SCALARS = ["string", "int32", "int64", "bool", "double"]
FILLER = ("The value as the service reports it; see the reference page of the operation for the "
          "units and the accepted range.")


class Namer:
    """Unique snake_case names made of the word lists."""

    def __init__(self, rng):
        self.rng, self.taken = rng, set()

    def make(self, *parts):
        base = "_".join(parts)
        name, n = base, 2
        while name in self.taken:
            name, n = f"{base}_{n}", n + 1
        self.taken.add(name)
        return name

    def model(self):
        return self.make(self.rng.choice(WORDS), self.rng.choice(QUALIFIERS))


def q(text):
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    import json
    return json.dumps(text)


class Service:
    def __init__(self, index, n_operations, n_models, rng):
        self.index, self.rng = index, rng
        self.name = f"synthetic_{index}"
        self.namer = Namer(rng)
        self.enums = []        # (name, integer, values)
        self.models = []       # (name, fields); fields: list of dicts
        self.shared = []       # models that families refer to
        self.roots = []        # the last model of each family, which operations use
        self.operations = []
        self.n_operations, self.n_models = n_operations, n_models

    # ---- types -------------------------------------------------------------------------------

    def enum(self):
        rng = self.rng
        if self.enums and rng.random() < 0.4:
            return rng.choice(self.enums)[0]
        name = self.namer.make(rng.choice(WORDS), rng.choice(["status", "type", "kind", "level", "mode"]))
        if rng.random() < 0.1:
            values = sorted(rng.sample(range(0, 64), rng.randint(2, 6)), reverse=True)
            self.enums.append((name, True, values))
        else:
            values = sorted({rng.choice(WORDS).upper() + ("_" + rng.choice(QUALIFIERS).upper() if rng.random() < 0.5 else "")
                             for _ in range(rng.randint(2, 9))})
            self.enums.append((name, False, values))
        return name

    def field_type(self, own, earlier, depth):
        """A type expression (YAML lines after `type:`, as a dict) for a field of model `own`;
        `earlier` are the models already defined, which it may refer to."""
        rng = self.rng
        r = rng.random()
        if r < 0.50:
            return {"type": rng.choice(["string"] * 6 + ["int32", "int64", "bool", "double"])}
        if r < 0.58:
            return {"type": self.enum()}
        if r < 0.60:
            return {"type": "any"}
        if r < 0.68:
            return {"type": "array", "items": rng.choice(["string", "string", "int32", "int64"])}
        if r < 0.77 and earlier:
            return {"type": "array", "items": rng.choice(earlier)}
        if r < 0.86 and earlier:
            return {"type": rng.choice(earlier)}
        if r < 0.90:
            return {"type": "map", "values": "string"}
        if r < 0.92 and earlier:
            return {"type": "map", "values": rng.choice(earlier)}
        if r < 0.94:
            inner = rng.choice(earlier) if earlier and rng.random() < 0.5 else "string"
            return {"type": "array", "items": "{type: array, items: %s}" % inner}
        if r < 0.95:
            return {"type": "array", "items": own}   # a model holding an array of itself
        return {"type": "string"}

    def fields(self, own, earlier, count):
        rng = self.rng
        out, names = [], set()
        for _ in range(count):
            while True:
                name = rng.choice(WORDS) + "_" + rng.choice(QUALIFIERS + ["id", "name", "time", "count"])
                if rng.random() < 0.1:   # camelCase wire names, as SWR has
                    head, tail = name.split("_", 1)
                    name = head + tail.capitalize()
                if name not in names:
                    break
            names.add(name)
            f = {"name": name, **self.field_type(own, earlier, 0)}
            if rng.random() < 0.25:
                f["required"] = True
            t = f["type"]
            if t == "string" and rng.random() < 0.15:
                f["min_length"], f["max_length"] = 1, rng.choice([36, 64, 128, 255, 1024])
            if t == "string" and rng.random() < 0.03:
                f["pattern"] = "^[a-z0-9][a-z0-9-]*$"
            if t in ("int32", "int64") and rng.random() < 0.15:
                f["minimum"], f["maximum"] = 0, rng.choice([100, 1000, 65535])
            if t == "int64" and rng.random() < 0.1:
                f["numeric_string"] = True
            if t == "string" and rng.random() < 0.05:
                f["nullable"] = True
            out.append(f)
        return out

    def add_model(self, name, fields):
        self.models.append((name, fields))
        return name

    def family(self):
        """A few models (1 to 6) that refer to each other, ending with their root, which
        operations use: like the models of one resource of a real service, they refer to a
        few shared models and to no other family, so that the models one operation reaches
        stay as few as in the real services (23 real operations reach 0 to 15, median 2)."""
        rng = self.rng
        shared = rng.sample(self.shared, min(3, len(self.shared)))
        members = []
        for _ in range(rng.randint(1, 6)):
            name = self.namer.model()
            count = min(int(rng.paretovariate(1.2) * 4), 40)
            members.append(self.add_model(name, self.fields(name, members + shared, count)))
        self.roots.append(members[-1])

    def shared_models(self, count):
        """Models that many families refer to (tags, labels, quotas, ...): scalars only."""
        for _ in range(count):
            name = self.namer.model()
            self.shared.append(self.add_model(name, self.fields(name, [], self.rng.randint(2, 8))))

    # ---- operations --------------------------------------------------------------------------

    def build(self):
        rng = self.rng
        kinds = []
        for _ in range(self.n_operations):
            r = rng.random()
            kinds.append("list" if r < 0.30 else "show" if r < 0.48 else "create" if r < 0.70
                         else "update" if r < 0.82 else "delete" if r < 0.97 else "action")
        own_models = sum(1 for k in kinds if k in ("list", "create", "update", "action")) + \
            sum(1 for k in kinds if k == "show") // 2 + 1
        pool = max(self.n_models - own_models, 8)
        self.shared_models(min(12, pool // 4))
        while len(self.models) < pool:
            self.family()
        self.add_model("error_body", [
            {"name": "error_code", "type": "string", "description": "Error code."},
            {"name": "error_msg", "type": "string", "description": "Error message."}])
        for index, kind in enumerate(kinds):
            self.operations.append(self.operation(index, kind, self.roots))
        while len(self.models) < self.n_models:
            self.family()

    def operation(self, index, kind, entities):
        rng = self.rng
        resource = rng.choice([w for w in WORDS if w != "project"])   # project_id is the context's
        entity = rng.choice(entities)
        version = rng.choice(["v1", "v2", "v3", "v5"])
        base = f"/{version}/{{project_id}}" if rng.random() < 0.7 else f"/{version}"
        collection = f"{base}/{resource}s"
        params = []
        if "{project_id}" in base:
            params.append({"name": "project_id", "in": "path", "type": "string", "required": True,
                           "context": "project_id", "min_length": 1, "max_length": 64})
        op = {"kind": kind, "params": params, "errors": rng.random() < 0.4}
        verb = {"list": "list", "show": "show", "create": "create", "update": "update",
                "delete": "delete", "action": "run"}[kind]
        op["name"] = self.namer.make(verb, resource, f"{index}")
        op["id"] = "".join(p.capitalize() for p in op["name"].split("_")[:-1]) + str(index)
        if kind in ("show", "update", "delete", "action"):
            params.append({"name": f"{resource}_id", "in": "path", "type": "string", "required": True,
                           "min_length": 1, "max_length": 64})
            path = f"{collection}/{{{resource}_id}}" + ("/action" if kind == "action" else "")
        else:
            path = collection
        op["path"] = path
        op["method"] = {"list": "GET", "show": "GET", "create": "POST", "update": "PUT",
                        "delete": "DELETE", "action": "POST"}[kind]
        if rng.random() < 0.3:
            params.append({"name": "enterprise_project_id", "in": "query", "type": "string"})
        if rng.random() < 0.1:
            params.append({"name": "X-Language", "in": "header", "type": "string", "max_length": 16})
        if kind == "list":
            paging = rng.choice(["offset", "offset", "marker", "none"])
            if paging in ("offset", "none"):
                params.append({"name": "offset", "in": "query", "type": "int32", "minimum": 0})
                params.append({"name": "limit", "in": "query", "type": "int32", "minimum": 1,
                               "maximum": 1000, "default": 10})
            else:
                params.append({"name": "marker", "in": "query", "type": "string"})
                params.append({"name": "limit", "in": "query", "type": "int32", "minimum": 1, "maximum": 1000})
            for _ in range(rng.randint(0, 5)):
                name = rng.choice(WORDS) + "_" + rng.choice(["name", "id", "status", "type"])
                if all(p["name"] != name for p in params):
                    t = self.enum() if name.endswith(("status", "type")) and rng.random() < 0.5 else "string"
                    params.append({"name": name, "in": "query", "type": t})
            if rng.random() < 0.15:
                params.append({"name": "id_list", "in": "query", "type": "array", "items": "string"})
            if rng.random() < 0.15:
                op["response"] = {"type": "array", "items": entity,
                                  "headers": [{"name": "Content-Range", "type": "string"}] if rng.random() < 0.5 else []}
                paging = "none"
            else:
                fields = [{"name": f"{resource}s", "type": "array", "items": entity},
                          {"name": "total", "type": "int32"}]
                if paging == "marker":
                    fields.append({"name": "next_marker", "type": "string"})
                model = self.add_model(op["name"] + "_response", [dict(f, description=FILLER) for f in fields])
                op["response"] = {"model": model, "headers": []}
            op["paging"] = paging
            op["items"] = f"{resource}s"
        elif kind == "show":
            if rng.random() < 0.5:
                op["response"] = {"model": entity, "headers": []}
            else:
                model = self.add_model(op["name"] + "_response",
                                       self.fields(op["name"] + "_response", [entity] + self.shared,
                                                   rng.randint(3, 20)))
                op["response"] = {"model": model, "headers": []}
        else:
            if kind != "delete":
                body = self.add_model(op["name"] + "_request_body",
                                      self.fields(op["name"] + "_request_body", [entity] + self.shared,
                                                  rng.randint(1, 25)))
                op["body"] = {"type": body, "required": rng.random() < 0.6,
                              "content_type": rng.choice(["application/json", "application/json;charset=UTF-8"])}
            elif rng.random() < 0.2:
                op["body"] = {"type": "array", "items": "string", "required": True,
                              "content_type": "application/json"}
            r = rng.random()
            if kind == "delete" or r < 0.25:
                op["response"] = {"type": "none", "status": rng.choice([200, 204]), "headers": []}
            elif r < 0.35:
                op["response"] = {"type": "array", "items": "string", "headers": []}
            else:
                op["response"] = {"model": entity, "headers": []}
            if rng.random() < 0.1:
                op["response"]["headers"] = [{"name": "X-Request-Id", "type": "string"},
                                             {"name": "X-Expires-At", "type": "int64"}]
        return op

    # ---- writing -----------------------------------------------------------------------------

    def write(self, out):
        w = out.append
        w(f"# Synthetic service {self.index}, written by tools/make_synthetic_spec.py; describes no real API.")
        w("service:")
        w(f"  name: {self.name}")
        w(f"  title: Synthetic Service {self.index}")
        w("  description: A made-up service shaped like the real ones, for measuring generation and compile cost.")
        w(f"  endpoint_template: https://{self.name.replace('_', '-')}.{{region}}.example.com")
        w("  endpoints:")
        w("    - region: local-1")
        w("      url: http://127.0.0.1:8080")
        w("  auth: [aksk, token]")
        w("  token_header: X-Auth-Token")
        w("")
        if self.enums:
            w("enums:")
            for name, integer, values in self.enums:
                w(f"  - name: {name}")
                if integer:
                    w("    type: integer")
                w(f"    description: {q('Values of ' + name.replace('_', ' ') + '.')}")
                w("    values:")
                for v in values:
                    w(f"      - value: {v if integer else q(v)}")
                    w(f"        description: {q('The value ' + str(v) + '.')}")
            w("")
        w("models:")
        for name, fields in self.models:
            w(f"  - name: {name}")
            w(f"    description: {q('A ' + name.replace('_', ' ') + '. ' + FILLER)}")
            if not fields:
                w("    fields: []")
                continue
            w("    fields:")
            for f in fields:
                self.write_field(w, f, "      ")
        w("")
        w("operations:")
        for op in self.operations:
            self.write_operation(w, op)
        out.append("")

    def write_field(self, w, f, indent):
        w(f"{indent}- name: {q(f['name'])}")
        for key in ("in", "type", "items", "values"):
            if key in f:
                w(f"{indent}  {key}: {f[key]}")
        for key in ("required", "nullable", "numeric_string"):
            if f.get(key):
                w(f"{indent}  {key}: true")
        for key in ("minimum", "maximum", "min_length", "max_length", "default", "context"):
            if key in f:
                w(f"{indent}  {key}: {f[key]}")
        if "pattern" in f:
            w(f"{indent}  pattern: {q(f['pattern'])}")
        w(f"{indent}  description: {q(f.get('description', f['name'].replace('_', ' ').capitalize() + '. ' + FILLER))}")

    def write_operation(self, w, op):
        w(f"  - name: {op['name']}")
        w(f"    id: {op['id']}")
        w(f"    summary: {q(op['name'].replace('_', ' ').capitalize())}")
        w(f"    description: {q(op['method'] + ' ' + op['path'] + '. ' + FILLER)}")
        w(f"    method: {op['method']}")
        w(f"    path: {op['path']}")
        if op["params"]:
            w("    parameters:")
            for p in op["params"]:
                self.write_field(w, p, "      ")
        if "body" in op:
            b = op["body"]
            w("    body:")
            w(f"      type: {b['type']}")
            if "items" in b:
                w(f"      items: {b['items']}")
            if b["required"]:
                w("      required: true")
            w(f"      content_type: {q(b['content_type'])}")
            w("      description: The request body.")
        r = op["response"]
        w("    response:")
        w(f"      status: {r.get('status', 200)}")
        if "model" in r:
            w(f"      model: {r['model']}")
        else:
            w(f"      type: {r['type']}")
            if "items" in r:
                w(f"      items: {r['items']}")
        if r["headers"]:
            w("      headers:")
            for h in r["headers"]:
                w(f"        - name: {q(h['name'])}")
                w(f"          type: {h['type']}")
                w(f"          description: {q('The ' + h['name'] + ' header.')}")
        w("      description: Success.")
        if op["errors"]:
            w("    errors:")
            for status in (400, 404):
                w(f"      - status: {status}")
                w("        model: error_body")
                w("        description: An error.")
        if op.get("paging") == "offset":
            w("    pagination:")
            w("      kind: offset")
            w("      offset: offset")
            w("      limit: limit")
            w(f"      items: {op['items']}")
            w("      total: total")
        elif op.get("paging") == "marker":
            w("    pagination:")
            w("      kind: marker")
            w("      marker: marker")
            w("      next_marker: next_marker")
            w(f"      items: {op['items']}")
        w("")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, help="folder to write synthetic_<n>.yaml into")
    parser.add_argument("--operations", type=int, default=550, help="operations in all (default 550)")
    parser.add_argument("--models", type=int, default=1000, help="models in all (default 1000)")
    parser.add_argument("--services", type=int, default=3, help="spec files (default 3)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args(argv)
    if args.services < 1 or args.operations < args.services:
        parser.error("need at least one service and one operation per service")
    os.makedirs(args.out, exist_ok=True)
    totals = [0, 0, 0]
    for i in range(args.services):
        rng = random.Random(args.seed * 1000 + i)
        n_ops = args.operations // args.services + (1 if i < args.operations % args.services else 0)
        n_models = args.models // args.services + (1 if i < args.models % args.services else 0)
        service = Service(i + 1, n_ops, n_models, rng)
        service.build()
        lines = []
        service.write(lines)
        path = os.path.join(args.out, f"{service.name}.yaml")
        with open(path, "w", encoding="utf-8", newline="\n") as stream:
            stream.write("\n".join(lines))
        totals[0] += len(service.operations)
        totals[1] += len(service.models)
        totals[2] += len(service.enums)
    print(f"wrote {args.services} specs to {args.out}: {totals[0]} operations, {totals[1]} models, "
          f"{totals[2]} enums")
    return 0


if __name__ == "__main__":
    sys.exit(main())
