// The import graph of source/, read with the TypeScript compiler's parser: every static
// import and re-export, every import() (dynamic) and every type-only import, so a rule over
// the graph sees what the compiler sees, not what a regular expression guesses.
import {readdirSync, readFileSync} from 'node:fs';
import {isBuiltin} from 'node:module';
import {join, posix} from 'node:path';
import ts from 'typescript';

/** What an import() of a computed specifier loads: not known until it runs. */
export const COMPUTED = '(computed)';

export interface Import {
	/** A file of ours, relative to source/ ("ui/theme.ts"), a package ("ink", "node:fs") or COMPUTED. */
	to: string;
	/** import(): loaded when the code runs, not with the importing module. */
	dynamic: boolean;
	/** Erased by the compiler: a dependency of the design, not of the running program. */
	typeOnly: boolean;
}

/** Each file of source/ (relative path) and what it imports. */
export type ImportGraph = Map<string, Import[]>;

function sourceFiles(dir: string, prefix = ''): string[] {
	return readdirSync(join(dir, prefix), {withFileTypes: true}).flatMap((entry) => {
		const path = prefix ? `${prefix}/${entry.name}` : entry.name;
		if (entry.isDirectory()) return sourceFiles(dir, path);
		return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
	});
}

/** "ink", "@xterm/headless", "node:fs" (a builtin named without node: gets it). */
function packageOf(specifier: string): string {
	if (isBuiltin(specifier)) return specifier.startsWith('node:') ? specifier : `node:${specifier}`;
	const parts = specifier.split('/');
	return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function importsOf(file: string, text: string, files: ReadonlySet<string>): Import[] {
	const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
	const tree = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
	const found: Import[] = [];
	const add = (specifier: string, dynamic: boolean, typeOnly: boolean) => {
		if (!specifier.startsWith('.')) return found.push({to: packageOf(specifier), dynamic, typeOnly});
		const joined = posix.normalize(posix.join(posix.dirname(file), specifier));
		const stem = joined.replace(/\.js$/, '');
		const to = [`${stem}.ts`, `${stem}.tsx`, joined].find((f) => files.has(f));
		if (!to) throw new Error(`${file}: cannot resolve ${specifier}`);
		found.push({to, dynamic, typeOnly});
	};
	const visit = (node: ts.Node) => {
		if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
			const clause = node.importClause;
			// `import {type A, type B}` is erased as `import type {A, B}` is.
			const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : null;
			const typeOnly = Boolean(clause && (clause.isTypeOnly || (!clause.name && named && named.length > 0 && named.every((e) => e.isTypeOnly))));
			add(node.moduleSpecifier.text, false, typeOnly);
		} else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
			add(node.moduleSpecifier.text, false, node.isTypeOnly);
		} else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
			const [arg] = node.arguments;
			if (arg && ts.isStringLiteralLike(arg)) add(arg.text, true, false);
			else found.push({to: COMPUTED, dynamic: true, typeOnly: false});
		} else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
			add(node.argument.literal.text, false, true);
		}
		ts.forEachChild(node, visit);
	};
	visit(tree);
	return found;
}

/** The graph of every .ts and .tsx file under `root` (source/). */
export function importGraph(root: string): ImportGraph {
	const files = sourceFiles(root);
	const known = new Set(files);
	return new Map(files.map((f) => [f, importsOf(f, readFileSync(join(root, f), 'utf8'), known)]));
}
