<?xml version="1.0" encoding="UTF-8"?>
<!-- Test pack stylesheet: imports note.xsl (proves xsl:import loads) and
     marks the result so tests can tell it from the plain transform. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:fo="http://www.w3.org/1999/XSL/Format"
                xmlns:n="urn:test:note"
                exclude-result-prefixes="n">
  <xsl:import href="note.xsl"/>
  <xsl:param name="edition" select="'public'"/>
  <xsl:template match="/">
    <pack edition="{$edition}">
      <xsl:apply-imports/>
    </pack>
  </xsl:template>
</xsl:stylesheet>
