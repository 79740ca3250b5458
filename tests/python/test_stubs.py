"""The type stubs (cadenza/__init__.pyi) name what the module has, and nothing else."""
import ast
import importlib.util
import pathlib


def stub_names():
    tree = ast.parse((pathlib.Path(__file__).parents[2] / "python/cadenza/__init__.pyi").read_text())
    names, members = set(), {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign):  # (the private aliases are plain assignments)
            names.add(node.target.id)
        if isinstance(node, ast.ClassDef):
            members[node.name] = {
                item.target.id if isinstance(item, ast.AnnAssign) else item.name
                for item in node.body if isinstance(item, (ast.AnnAssign, ast.FunctionDef))}
    return names, members


def test_stubs_match_the_module(cadenza):
    names, members = stub_names()
    assert names == set(cadenza.__all__)
    torch_part = importlib.util.find_spec("cadenza._torch") is not None
    for cls, attributes in members.items():
        if cls in cadenza._TORCH_NAMES and not torch_part:
            continue  # Model and Piece come from cadenza._torch, built only with libtorch
        for attribute in attributes:
            assert hasattr(getattr(cadenza, cls), attribute), f"{cls}.{attribute}"
