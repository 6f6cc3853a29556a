// Just enough TopoJSON to draw land: quantised, delta-encoded arcs stitched into rings.

/** Decodes every arc of a topology into `[longitude, latitude]` points. */
export function decodeArcs(topology) {
  const [sx, sy] = topology.transform ? topology.transform.scale : [1, 1];
  const [tx, ty] = topology.transform ? topology.transform.translate : [0, 0];
  const quantised = Boolean(topology.transform);
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      if (quantised) {
        x += dx;
        y += dy;
        return [x * sx + tx, y * sy + ty];
      }
      return [dx, dy];
    });
  });
}

/**
 * The rings of an object's polygons (`Polygon`, `MultiPolygon`, or a `GeometryCollection` of
 * them), each ring a list of `[longitude, latitude]` points.
 */
export function rings(topology, object) {
  const arcs = decodeArcs(topology);
  const ringOf = (indexes) => {
    const points = [];
    indexes.forEach((index, i) => {
      const arc = index >= 0 ? arcs[index] : arcs[~index].slice().reverse();
      points.push(...(i === 0 ? arc : arc.slice(1)));
    });
    return points;
  };
  const out = [];
  const visit = (geometry) => {
    if (geometry.type === 'GeometryCollection') {
      geometry.geometries.forEach(visit);
    } else if (geometry.type === 'Polygon') {
      geometry.arcs.forEach((ring) => out.push(ringOf(ring)));
    } else if (geometry.type === 'MultiPolygon') {
      geometry.arcs.forEach((polygon) => polygon.forEach((ring) => out.push(ringOf(ring))));
    }
  };
  visit(object);
  return out;
}
