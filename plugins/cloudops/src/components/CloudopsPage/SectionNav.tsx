import Box from '@material-ui/core/Box';
import { useLocation, useResolvedPath } from 'react-router-dom';
import { ButtonLink } from '../shared';

/** A section of the page: a path relative to its mount point, and a title. */
export interface Section {
  to: string;
  title: string;
}

/**
 * Which section a path (relative to the page's mount point) is in: the one
 * with the longest path that is the path itself or a parent of it, so
 * `savings/reports` is in the reports and `savings/opp-1` in savings. The
 * section at `''` holds only the page's own root.
 */
export function activeSection(
  relativePath: string,
  sections: Section[],
): Section | undefined {
  const path = relativePath.replace(/^\/+|\/+$/g, '');
  return sections
    .filter(s =>
      s.to === '' ? path === '' : path === s.to || path.startsWith(`${s.to}/`),
    )
    .sort((a, b) => b.to.length - a.to.length)[0];
}

/** The page's section links, the current one marked (`aria-current="page"`). */
export function SectionNav(props: { label: string; sections: Section[] }) {
  const base = useResolvedPath('').pathname;
  const { pathname } = useLocation();
  const current = pathname.startsWith(base)
    ? activeSection(pathname.slice(base.length), props.sections)
    : undefined;
  return (
    <Box
      component="nav"
      aria-label={props.label}
      mb={2}
      display="flex"
      flexWrap="wrap"
      style={{ gap: 8 }}
    >
      {props.sections.map(section => {
        const active = section === current;
        return (
          <ButtonLink
            key={section.to}
            to={section.to}
            color={active ? 'primary' : 'default'}
            variant={active ? 'outlined' : 'text'}
            aria-current={active ? 'page' : undefined}
          >
            {section.title}
          </ButtonLink>
        );
      })}
    </Box>
  );
}
