<?xml version="1.0" encoding="UTF-8"?>
<!-- Hostile test stylesheet: imports a stylesheet from the network. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="http://127.0.0.1:9/evil.xsl"/>
  <xsl:template match="/"><out/></xsl:template>
</xsl:stylesheet>
