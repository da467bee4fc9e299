<?xml version="1.0" encoding="UTF-8"?>
<!-- Test stylesheet: endless recursion; libxslt stops it at its depth
     limit and quire reports one line, not the template stack. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/"><xsl:call-template name="r"/></xsl:template>
  <xsl:template name="r"><x><xsl:call-template name="r"/></x></xsl:template>
</xsl:stylesheet>
