import { ReactNode } from 'react';
import { Heading, UnderHeading } from './headingLevel';

/**
 * A view with a title (one incident, one opportunity): the title a heading
 * at the level where it is, looking like an h4, and what follows one level
 * below it.
 */
export function TitledSection(props: {
  title: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <Heading variant="h4" gutterBottom>
        {props.title}
      </Heading>
      <UnderHeading>{props.children}</UnderHeading>
    </>
  );
}
