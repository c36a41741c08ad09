// A local ESLint rule (eslint.config.mjs): `value as unknown as T` switches type checking off,
// so it must come with a comment that says why, on its statement or the line above.
export const noUnexplainedDoubleCast = {
  meta: {
    type: 'problem',
    docs: { description: 'Require a comment explaining each `as unknown as` cast' },
    messages: { unexplained: '`as unknown as` needs a comment saying why the types cannot say it.' },
    schema: [],
  },
  create(context) {
    const sourceCode = context.sourceCode;
    const comments = sourceCode.getAllComments();
    return {
      TSAsExpression(node) {
        const inner = node.expression;
        if (inner.type !== 'TSAsExpression' || inner.typeAnnotation.type !== 'TSUnknownKeyword') return;
        let statement = node;
        while (statement.parent && !/Statement|Declaration|Property|ClassBody/.test(statement.parent.type)) statement = statement.parent;
        const top = statement.parent && /Statement|Declaration/.test(statement.parent.type) ? statement.parent : statement;
        const from = top.loc.start.line - 1;
        const to = node.loc.end.line;
        if (comments.some((comment) => comment.loc.end.line >= from && comment.loc.start.line <= to)) return;
        context.report({ node, messageId: 'unexplained' });
      },
    };
  },
};
