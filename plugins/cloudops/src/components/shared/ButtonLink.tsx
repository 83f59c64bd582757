import Button, { ButtonProps } from '@material-ui/core/Button';
import { Link as RouterLink } from 'react-router-dom';

/** A Material UI button's props, and a router link's (`to`). */
export type ButtonLinkProps = ButtonProps<typeof RouterLink>;

/**
 * A link in the app that looks like a button. Material UI gives a button
 * rendered as another component the `button` role; this keeps the link's
 * own, so assistive technology announces it as a link, and Enter follows it.
 */
export function ButtonLink(props: ButtonLinkProps) {
  return <Button component={RouterLink} role={undefined} {...props} />;
}
